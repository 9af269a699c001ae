from matching.services import browse
from matching.ui.common import data_page

data_page(
    "nav.parks",
    "parks",
    browse.parks,
    (
        "level",
        "county",
    ),
)
