from matching.services import browse
from matching.ui.auth import current_actor
from matching.ui.common import data_page

data_page(
    "nav.villages",
    "villages",
    browse.villages,
    current_actor(),
    (
        "county",
        "township",
    ),
)
