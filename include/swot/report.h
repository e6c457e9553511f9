/*
 * report.h: the one-page progress report, as self-contained HTML: inline
 * CSS and SVG, no scripts, printable.  Every piece of deck text is
 * escaped.
 */
#ifndef SWOT_REPORT_H
#define SWOT_REPORT_H

#include <stddef.h>
#include <stdint.h>

#include "swot/progress.h"
#include "swot/stats.h"
#include "swot/util.h"

/* Appends the report on decks[0..n) (their readiness, exam countdown and
 * weakest cards) and st (the forecast and heatmap over the same decks),
 * made at now, to sb. */
void report_html(struct strbuf *sb, const struct progress_deck *decks, size_t n,
		 const struct stats *st, int rollover_hour, int64_t now);

#endif
