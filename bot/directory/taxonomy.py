"""The directory's controlled vocabularies (HSDS taxonomy): categories and needs."""

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

# English labels, used in answers and listings (catalogues translate them).
CATEGORY_LABELS = {
    "one_stop_shop": "one-stop shop", "incubator": "incubator", "mentoring": "mentoring scheme",
    "cooperative": "cooperative", "social_enterprise": "social enterprise", "training": "training",
    "language_learning": "language course", "housing": "housing", "third_place": "third place",
    "network": "network", "regularisation_route": "route to a residence permit",
    "trade_union_contact_point": "trade-union contact point", "funding": "funding",
    "public_policy": "public policy", "employment_support": "employment support",
    "legal_aid": "legal aid", "migrant_association": "migrant association",
    "information_point": "information point", "research": "research", "association": "association",
}
