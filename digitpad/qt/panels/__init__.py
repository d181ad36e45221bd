"""The docks' contents: training, samples, where it fails."""
