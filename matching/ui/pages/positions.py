from matching.services import browse
from matching.ui.common import data_page

data_page(
    "nav.positions",
    "positions",
    browse.positions,
    (
        "park",
        "min_degree",
        "work_county",
    ),
)
