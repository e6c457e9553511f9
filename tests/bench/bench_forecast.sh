#!/usr/bin/env bash
# bench_forecast.sh: how far the readiness forecast can be trusted, on the
# two licensed real histories in tests/fixtures/revlogs.  Each history is
# cut once a week (at most 24 cuts, evenly spread).  At each cut swot sees
# only the answers before it (imported with swot import-reviews into a
# deck of as many cards), an exam is set 28 days on, and its forecast
# ("if you carry on as you have been", with defaults and with parameters
# fitted to the answers so far by swot optimize --apply) is set against
# what the student then did:
#   - aggregate: the readiness the student reached on that day (the
#     recall FSRS predicts then from every answer they really gave), the
#     mean absolute error in points, the bias, and how often it fell in
#     the forecast's 80% range (it should, about 80% of the time);
#   - behaviour: forecast answers a day against the real ones;
#   - the predicted recall of the next 28 days' reviews against the share
#     of the real reviews passed: the real student was on Anki's
#     schedule, not swot's, so this measures the two schedules' gap as
#     much as the forecast;
#   - per review: log loss and RMSE (bins) of the recall FSRS predicts for
#     every review, with the default parameters and with parameters fitted
#     to the history (swot optimize's evaluator, on the whole history).
# Cuts with too little history before them to forecast are counted apart.
# Prints the tables the README shows; never fails on figures.
set -u
cd "$(dirname "$0")/../.."
exec /usr/bin/python3 tests/bench/backtest_forecast.py "$SWOT"
