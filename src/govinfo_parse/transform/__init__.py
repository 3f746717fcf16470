"""From the parse to the AST: the inline Lark transformer and its per-parse context."""
