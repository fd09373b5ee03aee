"""Web tours: the addon's tours (``static/tests/tours/``) are written for 19.0's web
client and tour API, and checked there only.

17.0's tours differ (``test: True``, ``url: "/web"``, ``run: "text ..."``, a step
without ``run`` clicks, ``stepUtils`` in ``@web_tour/tour_service/tour_utils``); 18.0's
step and tour schema is 19.0's, but the tour has not been run against 18.0's web client.
The tour file imports nothing series-specific (``@web/core/registry`` only), so it sits
in every series' ``web.assets_tests`` without breaking the other tours of the bundle.
"""

from . import MAJOR

#: whether the addon's tours run on this series
RUNS = MAJOR >= 19
#: why not, for the test's skip
WHY_NOT = (
    ""
    if RUNS
    else "the walkthrough tour is written for 19.0's web client and tour API "
    "(17.0's tour API differs; the tour has not been run on 18.0): 19.0 and later only"
)
