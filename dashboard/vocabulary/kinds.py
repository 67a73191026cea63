"""The closed lists of kinds the store allows: a partner's kind, a programme's sector."""

PARTNER_KINDS = (
    "ministry",
    "state_health_mission",
    "municipal_corporation",
    "nursing_council",
    "medical_institution",
    "education_department",
    "ngo",
    "other",
)
SECTORS = ("health", "education", "other")
