"""`python -m gongkai …` does what the `gongkai` command does."""

from gongkai.cli import main

if __name__ == "__main__":
    main()
