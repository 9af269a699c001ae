from matching.services import browse
from matching.ui.auth import current_actor
from matching.ui.common import data_page

data_page(
    "nav.aid_offers",
    "aid_offers",
    browse.aid_offers,
    current_actor(),
    (
        "park",
        "year",
    ),
)
