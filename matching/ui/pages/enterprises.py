from matching.services import browse
from matching.ui.common import data_page

data_page(
    "nav.enterprises",
    "enterprises",
    browse.enterprises,
    (
        "park",
        "section",
        "size",
    ),
)
