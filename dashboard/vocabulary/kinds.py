"""The closed lists of kinds the store allows: a partner's kind, a programme's sector."""

from dashboard.vocabulary.language import N_

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
SECTOR_NAMES = {
    "health": N_("health"),
    "education": N_("education"),
    "other": N_("other"),
}  # in words
