/*
 * test_lineinput.c: reading answers.  From a pipe or file: plain lines,
 * CR LF ends taken off, end of input.  On a real pseudo-terminal (GNU
 * readline): Tab completes the commands the session gives
 * (lineinput_set_commands) and the names it sets, ignoring case, and
 * leaves an ambiguous start as typed.
 */
#define _XOPEN_SOURCE 600
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "swot/lineinput.h"
#include "testhelp.h"

/* Types keys into the terminal, reads one line back. */
static char *typed(struct lineinput *li, int master, const char *keys)
{
	char *line = NULL;
	if (write(master, keys, strlen(keys)) != (ssize_t)strlen(keys))
		return NULL;
	if (lineinput_read(li, "> ", &line) != LINEINPUT_LINE)
		return NULL;
	return line;
}

static void check_typed(struct lineinput *li, int master, const char *keys,
			const char *want, const char *name)
{
	char *got = typed(li, master, keys);
	CHECK_STR(name, got, want);
	free(got);
	/* drain what readline echoed */
	char buf[4096];
	while (read(master, buf, sizeof buf) > 0)
		;
}

int main(void)
{
	test_plan(9);
	static const char text[] = "first\r\nsecond\n\nlast";
	FILE *in = fmemopen((void *)text, sizeof text - 1, "r");
	struct lineinput *li = lineinput_new(in, stdout, 0, NULL);
	char *line = NULL;
	CHECK("from a file: not interactive", !lineinput_interactive(li));
	int st = lineinput_read(li, "> ", &line);
	CHECK_STR("the first line, CR LF taken off", st == LINEINPUT_LINE ? line : NULL, "first");
	free(line);
	lineinput_read(li, "> ", &line);
	free(line);
	st = lineinput_read(li, "> ", &line);
	CHECK_STR("an empty line is a line", st == LINEINPUT_LINE ? line : NULL, "");
	free(line);
	st = lineinput_read(li, "> ", &line);
	CHECK_STR("a last line without a newline", st == LINEINPUT_LINE ? line : NULL, "last");
	free(line);
	st = lineinput_read(li, "> ", &line);
	CHECK("then the end of input", st == LINEINPUT_EOF && line == NULL);
	lineinput_free(li);
	fclose(in);

	int master = posix_openpt(O_RDWR | O_NOCTTY);
	FILE *term = NULL;
	if (master >= 0 && grantpt(master) == 0 && unlockpt(master) == 0) {
		int slave = open(ptsname(master), O_RDWR | O_NOCTTY);
		if (slave >= 0)
			term = fdopen(slave, "r+");
	}
	if (!term) {
		printf("not ok - a pseudo-terminal opens\n");
		return 1;
	}
	fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK);
	/* readline's own settings, not the user's ~/.inputrc; no bell on
	 * stderr for the ambiguous completion */
	char rc_path[] = "/tmp/swot-test-inputrc-XXXXXX";
	int rc_fd = mkstemp(rc_path);
	if (rc_fd < 0 || write(rc_fd, "set bell-style none\n", 20) != 20) {
		printf("not ok - an inputrc for the test is written\n");
		return 1;
	}
	close(rc_fd);
	setenv("INPUTRC", rc_path, 1);
	li = lineinput_new(term, term, 1, NULL);
	static const char *const commands[] = {":help", ":hint", ":undo"};
	lineinput_set_commands(li, commands, 3);
	struct strlist names = STRLIST_INIT;
	strlist_push(&names, "Ruth");
	strlist_push(&names, "Miss Emily");
	lineinput_set_names(li, &names);
	strlist_release(&names);
	CHECK("on a terminal: interactive", lineinput_interactive(li));
	check_typed(li, master, ":un\t\r", ":undo", "Tab completes a command of the table");
	check_typed(li, master, "miss\t\r", "Miss Emily",
		    "Tab completes a name, ignoring case, spaces included");
	check_typed(li, master, ":h\t\r", ":h", "an ambiguous start is left as typed");
	lineinput_free(li);
	fclose(term);
	close(master);
	unlink(rc_path);
	return test_done();
}
