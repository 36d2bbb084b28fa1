"""China's 34 provincial-level divisions as the project ships them (assets/province_tiles.csv): ids, names in
both languages, and a tile on a schematic grid (row 0 = north, col 0 = west)."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pandas as pd

TILES_CSV = Path(__file__).resolve().parent / "assets" / "province_tiles.csv"
COLUMNS = ("id", "name_zh", "name_en", "row", "col")
_INTEGER = re.compile(r"\d+")


def load_province_tiles(path: Path = TILES_CSV) -> pd.DataFrame:
    """The divisions and their tiles (row 0 = north, col 0 = west). Errors name the file and the row,
    counting the header as row 1."""
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise ValueError(f"{path}: row 1: missing column(s) {', '.join(missing)}")
        records = []
        seen_tiles: dict[tuple[int, int], tuple[int, str]] = {}
        seen_ids: dict[str, int] = {}
        for line, raw in enumerate(reader, start=2):
            record = {c: (raw.get(c) or "").strip() for c in COLUMNS}
            for c in ("id", "name_zh", "name_en"):
                if not record[c]:
                    raise ValueError(f"{path}: row {line}: {c} is empty")
            for c in ("row", "col"):
                if not _INTEGER.fullmatch(record[c]):
                    raise ValueError(
                        f"{path}: row {line}: {c} must be a non-negative integer, got {record[c]!r}"
                    )
                record[c] = int(record[c])
            if record["id"] in seen_ids:
                raise ValueError(
                    f"{path}: row {line}: id {record['id']!r} already used on row {seen_ids[record['id']]}"
                )
            seen_ids[record["id"]] = line
            tile = (record["row"], record["col"])
            if tile in seen_tiles:
                other_line, other_name = seen_tiles[tile]
                raise ValueError(
                    f"{path}: row {line}: {record['name_zh']} is on tile (row {tile[0]}, "
                    f"col {tile[1]}), already taken by {other_name} on row {other_line}"
                )
            seen_tiles[tile] = (line, record["name_zh"])
            records.append(record)
    frame = pd.DataFrame(records, columns=list(COLUMNS))
    return frame.astype({"row": int, "col": int})
