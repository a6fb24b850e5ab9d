"""What every workflow step (a service function) raises when it refuses."""


class NichtMoeglich(Exception):
    """The step is refused; ``gruende`` says exactly why, one sentence each."""

    def __init__(self, *gruende):
        super().__init__(" ".join(str(grund) for grund in gruende))
        self.gruende = [str(grund) for grund in gruende]
