# funclen.awk: prints "FILE:LINE: NAME is N lines" for each function in the
# given C files longer than max (default 80) lines, counted from its
# opening brace to its closing one, unless the comment just above it says
# why it must be one ("one function:" in the comment).
# Functions are found as swot writes them: the definition's last line
# ends with ')' and the next line is a lone '{' in column 0; the body ends
# at the next '}' in column 0.
BEGIN { if (!max) max = 80 }
FNR == 1 { incomment = 0; why = 0; name = ""; start = 0; prev = "" }
{
	if ($0 ~ /^\/\*/) { incomment = 1; why = 0 }
	if (incomment && $0 ~ /one function:/) why = 1
	if (incomment && $0 ~ /\*\//) { incomment = 0; lastcomment = FNR }
	if ($0 == "{" && prev ~ /\)$/) {
		start = FNR
		n = split(sig, parts, "(")
		name = parts[1]
		sub(/.*[ *]/, "", name)
		excused = why && sigstart - lastcomment <= 1
	}
	if (start && $0 == "}") {
		len = FNR - start + 1
		if (len > max && !excused)
			printf "%s:%d: %s is %d lines\n", FILENAME, start, name, len
		start = 0
		why = 0
	}
	if (!start && $0 ~ /^[a-z_].*\(/ ) { sig = $0; sigstart = FNR }
	prev = $0
}
