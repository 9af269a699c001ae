from matching.services import browse
from matching.ui.auth import current_actor
from matching.ui.common import data_page

data_page(
    "nav.positions",
    "positions",
    browse.positions,
    current_actor(),
    (
        "park",
        "min_degree",
        "work_county",
    ),
)
