"""The tools a higher layer offers for a theme (the guide's team exercises, issue 17), listed on
plans' pages (priorities, the five-step method, the plan) through this hook, and the sections it
adds to the compte rendu page (``plans:summary``): the layers forbid plans to import them, so
they register here at start-up (exercises.apps)."""

from dataclasses import dataclass


@dataclass(frozen=True)
class ThemeTool:
    url: str
    label: str
    detail: str = ""


_PROVIDERS = []


def register(provider):
    """`provider(cooperative, theme_code)` returns the ThemeTools for that theme; no query."""
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)


def tools_for(cooperative, theme_code):
    return [tool for provider in _PROVIDERS for tool in provider(cooperative, theme_code)]


_SUMMARY_SECTIONS = []


def register_summary_section(provider):
    """`provider(cooperative)` returns the HTML (already escaped, safe) of a section of the
    compte rendu page, or "" when it has nothing to show."""
    if provider not in _SUMMARY_SECTIONS:
        _SUMMARY_SECTIONS.append(provider)


def summary_sections(cooperative):
    return [html for provider in _SUMMARY_SECTIONS if (html := provider(cooperative))]
