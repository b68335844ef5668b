"""The parts of ``lateral serve`` (:mod:`reader.serve`): who may open a reader
(:mod:`.access`), how one is started (:mod:`.service`, :mod:`.warm`) and driven
(:mod:`.session`)."""
