"""Small frames the figure tests draw: two hubs of two sectors."""

import pandas as pd

HUBS = pd.DataFrame(
    {
        "hub_code": ["HB1", "HB2"],
        "name": ["Hub one", "Hub two"],
        "state_code": [29, 29],
        "latitude": [12.9, 13.1],
        "longitude": [77.5, 77.7],
        "attendances": [100, 27],
        "sector": ["health", "education"],
    }
)
