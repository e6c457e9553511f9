/*
 * lineinput.c: readline on a terminal, getline otherwise (the way
 * SQLite's shell does it), so the same session runs from a pipe.
 *
 * Readline's callback interface is used so that Ctrl-C can abandon the
 * line: our SIGINT handler only sets a flag, select() returns EINTR, and
 * the half-typed line is thrown away without leaving the session.
 */
#include "swot/lineinput.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/select.h>
#include <termios.h>
#include <unistd.h>

#include <readline/history.h>
#include <readline/readline.h>

#define LINEINPUT_HISTORY_MAX 1000

struct lineinput {
	FILE *in, *out;
	int interactive;
	char *history_path;
	struct strlist names;
	const char *const *commands; /* borrowed (lineinput_set_commands) */
	size_t n_commands;
	struct sigaction old_int;
};

/* Readline's callbacks take no context: one reader at a time. */
static struct lineinput *active;
static volatile sig_atomic_t interrupted;
static volatile sig_atomic_t terminating; /* SIGTERM or SIGHUP: its number */
static char *done_line;
static int done_flag;

static void on_sigint(int sig)
{
	(void)sig;
	interrupted = 1;
}

static void on_terminate(int sig)
{
	terminating = sig;
}

/* Dies of the signal that asked us to, after giving the terminal back
 * (answers are already safe in the store). */
static void terminate_now(void)
{
	int sig = terminating;
	sigset_t set;
	rl_callback_handler_remove();
	signal(sig, SIG_DFL);
	sigemptyset(&set);
	sigaddset(&set, sig);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	raise(sig);
	_exit(128 + sig); /* not reached */
}

static char *complete_word(const char *text, int state)
{
	static size_t i, len;
	size_t n_commands = active ? active->n_commands : 0;
	if (!state) {
		i = 0;
		len = strlen(text);
	}
	while (i < n_commands + (active ? active->names.n : 0)) {
		const char *w = i < n_commands ? active->commands[i]
					       : active->names.items[i - n_commands];
		/* a name the checker takes without its article ("Porter"
		 * for "the Porter") completes from its first word too */
		const char *bare = i < n_commands ? NULL : skip_article(w);
		i++;
		if (!strncasecmp(w, text, len))
			return xstrdup(w);
		if (bare && !strncasecmp(bare, text, len))
			return xstrdup(bare);
	}
	return NULL;
}

/* Readline's terminal set-up, plus NOFLSH: Ctrl-C would otherwise let the
 * terminal throw away output written just after it, such as the
 * session saying the card was set aside.  Readline restores the terminal
 * as it found it when the line is done. */
static void prep_terminal(int meta)
{
	struct termios t;
	rl_prep_terminal(meta);
	int fd = fileno(rl_instream ? rl_instream : stdin);
	if (tcgetattr(fd, &t) == 0) {
		t.c_lflag |= NOFLSH;
		tcsetattr(fd, TCSANOW, &t);
	}
}

static char **complete(const char *text, int start, int end)
{
	(void)start;
	(void)end;
	rl_attempted_completion_over = 1; /* never file names */
	rl_completion_append_character = '\0'; /* reset by readline each time */
	return rl_completion_matches(text, complete_word);
}

static void on_line(char *line)
{
	done_line = line;
	done_flag = 1;
	rl_callback_handler_remove();
}

struct lineinput *lineinput_new(FILE *in, FILE *out, int interactive,
				const char *history_path)
{
	struct lineinput *li = xcalloc(1, sizeof *li);
	li->in = in;
	li->out = out;
	if (interactive < 0)
		interactive = in == stdin && isatty(fileno(in));
	li->interactive = interactive;
	strlist_init(&li->names);
	if (!interactive)
		return li;

	li->history_path = history_path ? xstrdup(history_path) : NULL;
	rl_instream = in;
	rl_outstream = out;
	rl_readline_name = "swot";
	rl_catch_signals = 0;
	rl_prep_term_function = prep_terminal;
	rl_attempted_completion_function = complete;
	/* An answer is the whole line, names with spaces included. */
	rl_completer_word_break_characters = (char *)"";
	rl_completion_append_character = '\0';
	rl_variable_bind("completion-ignore-case", "on");
	/* an answer is one line: no paste brackets cluttering transcripts */
	rl_variable_bind("enable-bracketed-paste", "off");
	using_history();
	stifle_history(LINEINPUT_HISTORY_MAX);
	if (li->history_path)
		read_history(li->history_path);

	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_sigint;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0; /* no SA_RESTART: select must return EINTR */
	sigaction(SIGINT, &sa, &li->old_int);
	sa.sa_handler = on_terminate;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	return li;
}

void lineinput_free(struct lineinput *li)
{
	if (!li)
		return;
	if (li->interactive) {
		sigaction(SIGINT, &li->old_int, NULL);
		signal(SIGTERM, SIG_DFL);
		signal(SIGHUP, SIG_DFL);
		lineinput_forget_answers(li); /* only commands are kept */
		if (li->history_path)
			write_history(li->history_path);
		clear_history();
	}
	if (active == li)
		active = NULL;
	free(li->history_path);
	strlist_release(&li->names);
	free(li);
}

int lineinput_take_interrupt(struct lineinput *li)
{
	if (!li->interactive || !interrupted)
		return 0;
	interrupted = 0;
	return 1;
}

int lineinput_interactive(const struct lineinput *li)
{
	return li->interactive;
}

void lineinput_set_commands(struct lineinput *li, const char *const *words,
			    size_t n)
{
	li->commands = words;
	li->n_commands = n;
}

void lineinput_set_names(struct lineinput *li, const struct strlist *names)
{
	strlist_release(&li->names);
	strlist_init(&li->names);
	for (size_t i = 0; names && i < names->n; i++)
		strlist_push(&li->names, names->items[i]);
}

static enum lineinput_status read_plain(struct lineinput *li, char **line)
{
	char *buf = NULL;
	size_t cap = 0;
	ssize_t n = getline(&buf, &cap, li->in);
	if (n < 0) {
		free(buf);
		return LINEINPUT_EOF;
	}
	while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\r'))
		buf[--n] = '\0';
	*line = buf;
	return LINEINPUT_LINE;
}

static enum lineinput_status read_terminal(struct lineinput *li,
					   const char *prompt, char **line)
{
	int fd = fileno(li->in);
	enum lineinput_status status = LINEINPUT_LINE;
	sigset_t block, waiting;
	active = li;
	/* interrupted stays set: Ctrl-C pressed while the card was being
	 * drawn sets that card aside as soon as it is asked. */
	done_flag = 0;
	done_line = NULL;
	/* These are held except inside pselect, so a signal can never slip
	 * in between looking at the flags and waiting for input. */
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGHUP);
	sigprocmask(SIG_BLOCK, &block, &waiting);
	sigdelset(&waiting, SIGINT);
	sigdelset(&waiting, SIGTERM);
	sigdelset(&waiting, SIGHUP);
	rl_callback_handler_install(prompt, on_line);
	while (!done_flag) {
		fd_set fds;
		FD_ZERO(&fds);
		FD_SET(fd, &fds);
		int r = interrupted || terminating
				? -1
				: pselect(fd + 1, &fds, NULL, NULL, NULL, &waiting);
		if (terminating)
			terminate_now();
		if (interrupted) {
			/* Ctrl-C: drop what was typed and give up this line */
			rl_free_line_state();
			rl_callback_sigcleanup();
			rl_callback_handler_remove();
			fputs("^C\n", li->out);
			fflush(li->out);
			interrupted = 0;
			status = LINEINPUT_INTERRUPT;
			break;
		}
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			rl_callback_handler_remove();
			status = LINEINPUT_EOF;
			break;
		}
		rl_callback_read_char();
	}
	sigprocmask(SIG_UNBLOCK, &block, NULL);
	if (status != LINEINPUT_LINE)
		return status;
	if (!done_line) {
		fputc('\n', li->out);
		fflush(li->out);
		return LINEINPUT_EOF;
	}
	if (*done_line)
		add_history(done_line);
	*line = done_line;
	done_line = NULL;
	return LINEINPUT_LINE;
}

void lineinput_forget_answers(struct lineinput *li)
{
	(void)li;
	/* from the newest back, so the indexes still to visit do not move */
	for (int i = history_length - 1; i >= 0; i--) {
		HIST_ENTRY *h = history_get(history_base + i);
		if (h && h->line && h->line[0] != ':')
			free_history_entry(remove_history(i));
	}
}

enum lineinput_status lineinput_read(struct lineinput *li, const char *prompt,
				     char **line)
{
	*line = NULL;
	fflush(li->out);
	if (li->interactive)
		return read_terminal(li, prompt ? prompt : "", line);
	return read_plain(li, line);
}
