#!/bin/sh
# Install the site generator as the deploys and the date form run it: every package from the
# hash-pinned locks (requirements/build.txt, deploy.txt; `invoke lock` writes them), nothing
# resolved afresh. A file that differs from the one the tests ran with is refused, and so is
# any package not in the lock. The build backend comes first and no build runs isolated, so
# building an sdist (or this project) cannot fetch an unpinned setuptools on the side.
set -eu
cd "$(dirname "$0")/.."
python -m pip install --require-hashes --no-deps -r requirements/build.txt
python -m pip install --require-hashes --no-deps --no-build-isolation -r requirements/deploy.txt
python -m pip install --no-deps --no-build-isolation -e .
