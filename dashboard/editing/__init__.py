"""Keeping figures current: reading cells and sheets, planning imports, writing changes with their audit log and undo, editor access."""
