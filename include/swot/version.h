#ifndef SWOT_VERSION_H
#define SWOT_VERSION_H
#define SWOT_VERSION "0.1.0"

/* Where `make install` put swot's decks, template and schemas
 * (PREFIX/share/swot), built into the binary. */
extern const char swot_datadir[];
#endif
