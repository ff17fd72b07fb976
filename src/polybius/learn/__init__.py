"""Small learned models over the rule coder's output (issue 15, item 4), trained by
`polybius train` and shipped as JSON next to the code. This package imports no coder module,
so the coder can use it without an import cycle."""
