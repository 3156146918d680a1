"""Package list for setuptools; the metadata lives in pyproject.toml.

``resources/`` sits at the top of the repository (icons, fonts, question
bank, templates) and ships inside the wheel as ``desktop_crm/_resources``,
where :mod:`desktop_crm.resources` looks for it.
"""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["desktop_crm", "desktop_crm.*"]), "desktop_crm._resources"],
    package_dir={"desktop_crm._resources": "resources"},
    package_data={"desktop_crm._resources": ["**/*"], "desktop_crm.store": ["*.sql"]},
    include_package_data=False,
)
