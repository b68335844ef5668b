"""Reading raw articles for `lateral import`: layouts, site furniture, notes lists, stubs."""
