"""The page `lateral serve` gives to browsers."""
