/*
 * lineinput.h: reading the student's answers, a line at a time.  The only
 * module that includes readline.
 *
 * On a terminal: GNU readline, with history kept in a file (one per
 * database), tab completion of the session's commands and of names the
 * session sets, Ctrl-C abandoning the line being typed and Ctrl-D on an
 * empty line ending input.  Otherwise: plain lines, no prompt and no
 * escape codes, so a session can be driven from a pipe.
 */
#ifndef SWOT_LINEINPUT_H
#define SWOT_LINEINPUT_H

#include <stdio.h>

#include "swot/util.h"

struct lineinput;

enum lineinput_status {
	LINEINPUT_LINE = 0,  /* a line was read */
	LINEINPUT_EOF = 1,   /* end of input (Ctrl-D) */
	LINEINPUT_INTERRUPT = 2 /* Ctrl-C: the line was abandoned */
};

/*
 * Reads from in, prompting on out.  Readline is used when in is stdin
 * and a terminal (and interactive is not 0; -1 decides by the terminal).
 * history_path (may be NULL) is read now and written by lineinput_free.
 * Returns a new reader the caller frees with lineinput_free.
 */
struct lineinput *lineinput_new(FILE *in, FILE *out, int interactive,
				const char *history_path);
void lineinput_free(struct lineinput *li);

/* Drops every line but the ':' commands from the history, so Up recalls
 * an answer only while the same card is asked (an answer from an earlier
 * card, or day, would give the next one away); the history file keeps
 * only commands.  Call it as each card begins. */
void lineinput_forget_answers(struct lineinput *li);

/* Whether readline is in use (a terminal). */
int lineinput_interactive(const struct lineinput *li);

/*
 * Reads one line after printing prompt (on a terminal only).  On
 * LINEINPUT_LINE *line is the line without its newline, which the caller
 * frees; otherwise *line is NULL.  Non-empty lines go to the history.
 */
enum lineinput_status lineinput_read(struct lineinput *li, const char *prompt,
				     char **line);

/* The commands tab completes (":undo" ...): the n words are borrowed and
 * must outlive li. */
void lineinput_set_commands(struct lineinput *li, const char *const *words,
			    size_t n);

/* Whether Ctrl-C was pressed since the last line read or the last call
 * (outside a read, e.g. while the session waits for the database);
 * forgets it.  Always 0 when not on a terminal. */
int lineinput_take_interrupt(struct lineinput *li);

/* The words tab completes besides the commands: a copy of names is kept
 * until the next call; NULL (or no names) completes commands only.
 * Matching ignores case; a completed name may contain spaces. */
void lineinput_set_names(struct lineinput *li, const struct strlist *names);

#endif
