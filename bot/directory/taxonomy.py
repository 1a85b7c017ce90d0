"""The directory's controlled vocabularies (HSDS taxonomy): categories and needs."""
from bot.i18n.catalogues import N_

CATEGORIES = (
    "one_stop_shop", "incubator", "mentoring", "cooperative", "social_enterprise", "training",
    "language_learning", "housing", "third_place", "network", "regularisation_route",
    "trade_union_contact_point", "funding", "public_policy", "employment_support", "legal_aid",
    "migrant_association", "information_point", "research", "association",
)

NEEDS = (
    "residence_permit", "employment", "business_creation", "training", "language_learning",
    "housing", "mentoring", "rights_at_work", "skills_recognition", "legal_advice", "funding",
    "networking", "information", "social_inclusion", "food", "health", "interpreting",
    "workspace", "culture",
)

SERVICE_AREAS = ("local", "regional", "national", "european", "international")

# English labels, marked for the catalogues; translated where they are shown.
CATEGORY_LABELS = {
    "one_stop_shop": N_("one-stop shop"), "incubator": N_("incubator"), "mentoring": N_("mentoring scheme"),
    "cooperative": N_("cooperative"), "social_enterprise": N_("social enterprise"), "training": N_("training"),
    "language_learning": N_("language course"), "housing": N_("housing"), "third_place": N_("third place"),
    "network": N_("network"), "regularisation_route": N_("route to a residence permit"),
    "trade_union_contact_point": N_("trade-union contact point"), "funding": N_("funding"),
    "public_policy": N_("public policy"), "employment_support": N_("employment support"),
    "legal_aid": N_("legal aid"), "migrant_association": N_("migrant association"),
    "information_point": N_("information point"), "research": N_("research"), "association": N_("association"),
}
