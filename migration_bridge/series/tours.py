"""Web tours: the addon's tours (``static/tests/tours/``) are written for 19.0's web
client and tour API, and checked there only.

17.0's tours differ (``test: True``, ``url: "/web"``, ``run: "text ..."``, a step
without ``run`` clicks); 18.0's tour API is close to 19.0's but its web client's markup
was not checked against the tour. The tour file imports nothing series-specific, so it
sits in every series' ``web.assets_tests`` without breaking other tours.
"""

from . import MAJOR

#: whether the addon's tours run on this series
RUNS = MAJOR >= 19
#: why not, for the test's skip
WHY_NOT = (
    ""
    if RUNS
    else "the walkthrough tour is written for 19.0's web client and tour API "
    "(17.0's differs; 18.0's markup is not checked): it runs on 19.0 only"
)
