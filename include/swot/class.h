/*
 * class.h: a teacher's view of a class: one in-memory class filled by a
 * reader (progress files today: cmd_class.c reads them with progfile_read
 * and hands each to class_add), computed once (class_compute) and written
 * by one renderer as a table, JSON or a printable HTML page.  No I/O here
 * beyond the FILE * the table is printed on.
 *
 * Readiness is swot readiness's: readiness_compute's mean predicted recall
 * over the deck at the moment asked about (the exam), cards never studied
 * counting 0, and each card's recall readiness_card_at's; and the figure
 * shown is swot readiness's too (progress_ready_figure): the forecast if
 * the student carries on as they have been, when their file says how.
 */
#ifndef SWOT_CLASS_H
#define SWOT_CLASS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "swot/progfile.h"
#include "swot/util.h"

#define CLASS_FORMAT 1          /* of class --json */
#define CLASS_WEAKEST 3         /* students named per topic */
#define CLASS_FORGOTTEN 10      /* cards in "what the class forgets" */
#define CLASS_NEAR_DAYS 28      /* an exam this close makes low readiness a risk */
#define CLASS_IDLE_DAYS 5       /* no study for this long is a risk */
#define CLASS_CHANGE_DAYS 7     /* the change column looks this far back */
#define CLASS_ACTIVE_DAYS 14    /* days studied are counted over this */

/* Why a student is at risk (bits). */
enum {
	CLASS_RISK_LOW = 1,  /* the ready figure below the threshold, the exam near */
	CLASS_RISK_IDLE = 2  /* no study in CLASS_IDLE_DAYS days */
};

/* One student of the class. */
struct class_student {
	char *source;      /* the file it came from; owned */
	struct progfile p; /* what was read; owned */
	const struct progfile_deck *deck; /* the class's deck in p */
	/* filled by class_compute: */
	double readiness;  /* at the class's moment, if they stop now */
	/* if they carry on as they have been: swot readiness's forecast for
	 * the class's moment, from the file's study pattern at its export
	 * (has_forecast 0 without one, too little history, or no moment
	 * after the export) */
	int has_forecast;
	double forecast, forecast_low, forecast_high;
	double ready;      /* the figure shown: forecast, else readiness */
	double change;     /* readiness now minus CLASS_CHANGE_DAYS ago; NAN
			    * without a review log */
	size_t seen;       /* class cards studied */
	size_t lacking;    /* class cards the file does not have */
	int days_active;   /* learning days with an answer in the last
			    * CLASS_ACTIVE_DAYS; -1 without a review log */
	int64_t last_studied; /* the last answer, 0 never */
	int risk;          /* CLASS_RISK_* bits */
	double *topic;     /* the ready figure per class topic; owned */
	double *card_r;    /* predicted recall per class card; owned */
	double *card_fc;   /* the forecast's recall per class card (NULL
			    * without a forecast); owned */
	const struct progfile_card **mine; /* per class card, NULL where the
					    * file lacks it; owned array */
};

/* A theme or character the class's cards bear on. */
struct class_topic {
	char *kind; /* "theme" or "character"; owned */
	char *id, *name; /* owned */
	size_t cards;
	double mean;  /* over the students */
	size_t weakest[CLASS_WEAKEST]; /* indices into students, weakest first */
	size_t n_weakest;
};

/* A card of the class's deck (the union of the students' files). */
struct class_card {
	const struct progfile_card *c; /* as the first file holding it has it */
	char *prompt; /* its text from the teacher's copy of the deck; owned, may be NULL */
};

/* A card the class forgets. */
struct class_forgot {
	size_t card;      /* index into cards */
	size_t studied;   /* students who have studied it */
	double recall;    /* their mean predicted recall at the class's moment */
	int lapses;       /* their lapses summed */
};

struct class {
	char *deck;          /* the deck's id; owned (NULL until chosen) */
	const char *title, *version; /* from the newest file; borrowed */
	int64_t now;         /* the teacher's clock */
	int64_t at;          /* the moment readiness is for */
	int at_exam;         /* at is the students' exam date */
	int at_given;        /* at was set by the teacher (--at) */
	double threshold;    /* readiness below this, exam near: at risk */
	struct class_student *students; /* sorted by risk after class_compute */
	size_t n_students, alloc_students;
	struct class_card *cards; /* in the first student's deck order */
	size_t n_cards;
	struct strmap card_ids;   /* card id -> index into cards */
	struct class_topic *topics; /* themes then characters, in deck order */
	size_t n_topics;
	struct class_forgot forgot[CLASS_FORGOTTEN];
	size_t n_forgot;
	struct strlist problems; /* one line per file left out or replaced,
				  * "FILE: what", for the command to print */
};

/* An empty class for the teacher's clock now; threshold in 0..1. */
void class_init(struct class *c, int64_t now, double threshold);
void class_release(struct class *c);

/*
 * Adds a student read from source (a file name, for messages), taking
 * over *p (left zeroed).  The same student (id) twice: the later export
 * wins, and one line in problems says so.
 */
void class_add(struct class *c, const char *source, struct progfile *p);

struct server;

/*
 * Adds to c the students of classes cls[0..n) on the school's server s
 * (every class the login may read when n is 0), as class_add would their
 * progress files exported with --reviews: each student's progress
 * documents and, for the class's deck (deck, or as class_choose_deck
 * chooses it), every answer; the source named in messages and in the
 * JSON's "file" is the student's login.  A student who has not synced is
 * a line in problems.  One query per part (class_server.c).  A class the
 * login may not read is SWOT_ENOTFOUND; a lost server SWOT_EIO.
 */
int class_read_server(struct class *c, struct server *s, const char *const *cls,
		      size_t n, const char *deck, struct swot_err *err);

/*
 * Chooses the deck as class_compute does (below), before it, for a reader
 * that loads the review log of that deck only: class_compute then keeps
 * the deck chosen.  SWOT_EINVAL when there is no student or no one deck.
 */
int class_choose_deck(struct class *c, const char *deck, struct swot_err *err);

/*
 * Chooses the deck (deck, or when NULL the one deck every file has, else
 * the deck most files have studied: SWOT_EINVAL naming them when that is
 * not one), leaves out students whose file lacks it (a line in problems
 * each), and computes everything for at (0: the students' exam date, the
 * one most of them have, when it is ahead; else now).  SWOT_EINVAL when
 * no student is left.
 */
int class_compute(struct class *c, const char *deck, int64_t at,
		  struct swot_err *err);

/* Sets the text shown for card id (from the teacher's copy of the deck);
 * after class_compute.  Unknown ids are ignored. */
void class_set_prompt(struct class *c, const char *id, const char *prompt);

/* The class as a table for a terminal width columns wide (at least 80). */
void class_print(FILE *out, const struct class *c, int width, int ascii);

/* The class as one JSON object (schema/class.schema.json), with a final
 * newline. */
void class_json(struct strbuf *sb, const struct class *c);

/* The class as one self-contained, printable HTML page. */
void class_html(struct strbuf *sb, const struct class *c);

#endif
