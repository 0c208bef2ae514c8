"""deploy/z2jh/values.yaml: it parses, uses only keys Zero to JupyterHub documents (the chart's values schema,
vendored in tests/z2jh/), and holds the recipe: the repo2docker image, nbgitpuller, memory sized from the
measured class, idle culling. Offline: nothing is fetched."""

import json
import re

import jsonschema
import pytest
import yaml
from conftest import ROOT

VALUES = ROOT / "deploy" / "z2jh" / "values.yaml"
SCHEMA_DIR = ROOT / "tests" / "z2jh"
CHART_VERSION = "4.4.0"
# The JupyterHub in chart 4.4.0's hub pod (the chart's changelog for 4.4.0: JupyterHub 5.5).
CHART_JUPYTERHUB = (5, 5)
_UNITS = {"Ki": 1 / 1024, "Mi": 1, "Gi": 1024, "K": 1e3 / 2**20, "M": 1e6 / 2**20, "G": 1e9 / 2**20, "": 1 / 2**20}


def _schema():
    return yaml.safe_load((SCHEMA_DIR / "values.schema.yaml").read_text())


def _values():
    return yaml.safe_load(VALUES.read_text())


def _check_only_values(value, schema):
    """The value's own type/enum/const against ``schema`` (nested keys are walked separately, and
    ``required`` is left out: helm merges these values into the chart's defaults first)."""
    own = {k: schema[k] for k in ("type", "enum", "const", "minimum") if k in schema}
    jsonschema.validate(value, own)


def undocumented(values, schema, path="") -> list[str]:
    """Paths in ``values`` that the schema does not document, or whose value has the wrong type."""
    problems = []
    try:
        _check_only_values(values, schema)
    except jsonschema.ValidationError as exc:
        problems.append(f"{path or '(top)'}: {exc.message}")
    if not isinstance(values, dict):
        return problems
    for key, value in values.items():
        where = f"{path}.{key}" if path else key
        sub = schema.get("properties", {}).get(key)
        if sub is None:
            sub = next((s for pat, s in schema.get("patternProperties", {}).items() if re.search(pat, key)), None)
        if sub is None:
            if schema.get("additionalProperties", True) is False:
                problems.append(f"{where}: not a key Zero to JupyterHub documents")
            continue  # free-form below here (e.g. hub.config, extraEnv): the chart passes it through
        problems += undocumented(value, sub, where)
    return problems


def _mib(quantity) -> float:
    m = re.fullmatch(r"(\d+(?:\.\d+)?)(Ki|Mi|Gi|K|M|G|)", str(quantity))
    assert m, f"not a Kubernetes memory quantity: {quantity!r}"
    return float(m.group(1)) * _UNITS[m.group(2)]


def test_the_vendored_schema_is_a_json_schema_with_its_licence_and_source():
    jsonschema.Draft7Validator.check_schema(_schema())
    assert "MIT License" in (SCHEMA_DIR / "LICENSE").read_text()
    source = (SCHEMA_DIR / "SOURCE.md").read_text()
    assert "jupyterhub/zero-to-jupyterhub-k8s" in source and re.search(r"commit `[0-9a-f]{40}`", source)
    assert CHART_VERSION in source


def test_values_use_only_documented_keys():
    problems = undocumented(_values(), _schema())
    assert not problems, "deploy/z2jh/values.yaml:\n" + "\n".join(problems)


@pytest.mark.parametrize(
    "bad", [{"singleuser": {"memroy": {"limit": "1Gi"}}}, {"cull": {"enabled": "yes"}}, {"nbgitpuller": {"repo": "x"}}]
)
def test_the_check_catches_an_undocumented_key_or_a_wrong_type(bad):
    assert undocumented(bad, _schema())


def test_the_image_is_built_by_repo2docker_and_the_guide_pins_the_chart():
    values, guide = _values(), (ROOT / "deploy" / "z2jh" / "README.md").read_text()
    assert set(values["singleuser"]["image"]) == {"name", "tag"}
    assert "repo2docker" in guide and values["singleuser"]["image"]["name"] in guide
    assert f"--version {CHART_VERSION}" in guide and f"jupyterhub {CHART_VERSION}" in guide
    assert f'Helm chart "jupyterhub" {CHART_VERSION}' in VALUES.read_text()


def test_nbgitpuller_pulls_the_collection_where_the_lessons_import_it_from():
    single = _values()["singleuser"]
    command = single["lifecycleHooks"]["postStart"]["exec"]["command"]
    assert command[0] == "gitpuller" and command[2] == "main"
    assert command[1] == "https://github.com/crps-lessons/crps-lessons"
    assert single["extraEnv"]["PYTHONPATH"] == command[3] == "/home/jovyan/crps-lessons"
    assert single["defaultUrl"] == "/lab"


def test_memory_is_sized_from_the_measured_class():
    measured = json.loads((ROOT / "benchmarks" / "classroom.json").read_text())
    per_student = measured["memory_per_student_max_mib"]
    memory = _values()["singleuser"]["memory"]
    guarantee, limit = _mib(memory["guarantee"]), _mib(memory["limit"])
    assert per_student > 0
    assert guarantee >= 1.25 * per_student, f"guarantee {memory['guarantee']} leaves under 25% above {per_student} MiB"
    assert limit >= guarantee


def test_idle_servers_are_culled():
    cull = _values()["cull"]
    assert cull["enabled"] is True and 0 < cull["timeout"] <= 4 * 3600 and cull["every"] > 0


def test_the_image_runs_the_jupyterhub_of_the_chart():
    """A single-user server of another JupyterHub version than the hub's may fail logins."""
    lock = (ROOT / "requirements.txt").read_text(encoding="utf-8")
    pinned = re.search(r"^jupyterhub==(\d+)\.(\d+)\.\d+", lock, re.M)
    assert pinned, "requirements.txt does not pin jupyterhub"
    assert tuple(map(int, pinned.groups())) == CHART_JUPYTERHUB, (
        f"the lock pins jupyterhub {pinned.group(0)}; chart {CHART_VERSION} runs "
        f"{'.'.join(map(str, CHART_JUPYTERHUB))} (move the pin in pyproject.toml's hub extra, then make lock)"
    )
