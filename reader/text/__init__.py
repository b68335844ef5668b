"""Text handling: canonical form, display sanitising, segmentation, footnotes, folding."""
