"""Components as renderers send them (JSON dicts), searched the way a reader looks at a page."""

from typing import Any


def find(tree: Any, component_id: str) -> dict | None:
    """The component with `component_id` in `tree`, or None."""
    if isinstance(tree, dict):
        props = tree.get("props", {})
        if props.get("id") == component_id:
            return tree
        return find(props.get("children"), component_id)
    if isinstance(tree, list | tuple):
        for child in tree:
            found = find(child, component_id)
            if found is not None:
                return found
    return None


def text(tree: Any) -> str:
    """The words a component shows, its children's joined by spaces."""
    if isinstance(tree, dict):
        return text(tree.get("props", {}).get("children"))
    if isinstance(tree, list | tuple):
        return " ".join(text(child) for child in tree if child is not None)
    return "" if tree is None else str(tree)


def children(tree: dict) -> list:
    """A component's children as a list."""
    kids = tree.get("props", {}).get("children")
    return kids if isinstance(kids, list) else [kids]
