"""YAML that a user hands Quipu (front matter, actor and place files), read with bounds.

`yaml.safe_load` builds no objects from tags, but three things in a hostile file still get
through it: aliases that expand a few lines into billions of values ("billion laughs": the
values are shared while loading and multiply when anything walks or prints them), nesting
deep enough to exhaust Python's recursion, and a timestamp that is no calendar day
(`0000-00-00`, `2023-02-30`), which PyYAML turns into a ValueError of its own. Here the first
two are YAML errors and the third is kept as the string it was written as, so that callers
report them the way they report any malformed YAML.
"""

from __future__ import annotations

from typing import Any

import yaml

try:
    # libyaml's parser: linear in the text and with its own bound on nesting; PyYAML's own
    # takes time quadratic in the depth of `[[[[…`
    from yaml import CSafeLoader as _SafeLoader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _SafeLoader  # type: ignore[assignment]

# Values after expanding aliases; a front matter or an actor file of a crisis has a few
# thousand at most.
MAX_NODES = 100_000


class YamlLimitError(yaml.YAMLError):
    """A YAML text that is well formed but too large or too deep to read safely."""


class _Loader(_SafeLoader):
    """The safe loader, keeping a timestamp that names no calendar day as a string."""

    def construct_lenient_timestamp(self, node: yaml.ScalarNode) -> Any:
        try:
            return self.construct_yaml_timestamp(node)
        except (ValueError, OverflowError):
            return self.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_lenient_timestamp)


def load_yaml(text: str, *, max_nodes: int = MAX_NODES) -> Any:
    """Return the data of one YAML document, refusing what would be costly to use.

    Args:
        text: the YAML.
        max_nodes: the most values (scalars, lists and mappings) the data may hold once
            every alias is expanded.

    Returns:
        What `yaml.safe_load` returns, except that an impossible timestamp stays a string.

    Raises:
        yaml.YAMLError: the text is not YAML; YamlLimitError when it holds more than
            `max_nodes` values or is nested too deeply.
    """
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        size = _expanded_size(node, {}, limit=max_nodes)
        if size > max_nodes:
            reason = f"more than {max_nodes:,} values once its aliases are expanded"
            raise YamlLimitError(reason)
        return loader.construct_document(node)
    except RecursionError as error:
        raise YamlLimitError("nested too deeply") from error
    finally:
        loader.dispose()


def _expanded_size(node: yaml.Node, sizes: dict[int, int], *, limit: int) -> int:
    """The number of values under `node` with aliases expanded, stopping past `limit`.

    An alias is the very node object of its anchor, so each node is counted once and its
    size reused (`sizes`, by id): a billion laughs costs as many steps as it has lines. A
    node that holds itself (`&a [*a]`) is endless, so it counts as over the limit.
    """
    known = sizes.get(id(node))
    if known is not None:
        return known
    sizes[id(node)] = limit + 1  # until counted: what reaches it again is a cycle
    size = 1
    if isinstance(node, yaml.SequenceNode):
        children: list[yaml.Node] = list(node.value)
    elif isinstance(node, yaml.MappingNode):
        children = [part for pair in node.value for part in pair]
    else:
        children = []
    for child in children:
        size += _expanded_size(child, sizes, limit=limit)
        if size > limit:
            break
    sizes[id(node)] = size
    return size
