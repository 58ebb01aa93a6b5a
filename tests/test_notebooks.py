"""The notebooks run from top to bottom on the seeds, and are committed without outputs."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def test_the_two_notebooks_exist() -> None:
    assert [p.name for p in NOTEBOOKS] == ["01-explore.ipynb", "02-sparql-cookbook.ipynb"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_is_committed_without_outputs(path: Path) -> None:
    import nbformat

    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, f"{path.name}: strip outputs before committing"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs_on_the_seeds_without_error(path: Path) -> None:
    """Executes every cell in a kernel of this interpreter, from the repository root."""
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, kernel_name="python3", timeout=300, resources={"metadata": {"path": str(ROOT)}}).execute()
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    # every query cell answers with a table, and the tables are not all empty
    tables = [o for o in outputs if o.output_type == "execute_result" and "text/html" in o.get("data", {})]
    assert len(tables) >= (8 if "cookbook" in path.name else 6)
    empty = [o for o in tables if "<tbody>\n  </tbody>" in o["data"]["text/html"]]
    assert len(empty) <= len(tables) // 4, f"{len(empty)} of {len(tables)} answers are empty"
