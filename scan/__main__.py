import sys

from scan.cli import main

sys.exit(main())
