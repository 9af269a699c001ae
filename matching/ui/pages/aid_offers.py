from matching.services import browse
from matching.ui.common import data_page

data_page(
    "nav.aid_offers",
    "aid_offers",
    browse.aid_offers,
    (
        "park",
        "year",
    ),
)
