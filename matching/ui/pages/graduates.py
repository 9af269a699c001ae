from matching.services import browse
from matching.ui.common import data_page

data_page(
    "nav.graduates",
    "graduates",
    browse.graduates,
    (
        "university",
        "degree",
        "province",
    ),
)
