"""
Train a DigitPad model on MNIST from the command line.

The default run is the TensorFlow workshop's recipe, unchanged: a 784-128-10 MLP on pixels
scaled to [0, 1], shuffled batches of 128, Adam at 0.001, 8 epochs, about 98.9% training and
97.7% validation accuracy. `--model cnn` trains the fast convnet of the Train panel (4
augmented epochs, about 17 s of training on two cores, 99.4-99.5% on MNIST test). The app's
default model is that recipe run for 12 epochs (about 55 s, 99.6%): it reads people's drawings better.

    python train_model.py                                  # the seed recipe -> assets/mlp.keras
    python train_model.py --model cnn --epochs 12 --seed 2   # the app's default model -> assets/cnn.keras
    python train_model.py --mnist-dir ../shared/mnist      # offline: the four official files
    python train_model.py --design lenet.json --epochs 2   # any network: a JSON design -> lenet-5.keras

`mlp` and `cnn` are two designs among others, the presets "Workshop MLP" and "CNN"; a design
file says which layers to stack and how to train them (digitpad/core/networks/design_schema.py),
and the options given here override its training settings. Next to `PATH.keras` it writes
`PATH.json` (the recipe, the design as trained, its parameter count, per-epoch history, test
accuracy) and the learning curve `PATH.png`. Exit codes: 0 done, 2 bad arguments or a design
that cannot be built (one sentence naming the layer, nothing written), 3 MNIST unavailable,
4 training failed or could not be saved.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import digitpad  # noqa: F401  (quietens TensorFlow's start-up logging)
from digitpad.core.mnist.loading import MnistUnavailable, default_mnist_dir, default_tfds_dir
from digitpad.core.networks.design import DesignError, design_stem
from digitpad.core.networks.design_files import read_design
from digitpad.core.networks.presets import preset_for_kind
from digitpad.core.networks.recipes import MODEL_KINDS
from digitpad.core.training.learning_curve import CurveDrawer
from digitpad.core.training.training_events import TrainingSettings
from digitpad.core.training.training_stack import end_training_process, import_training_stack

ASSETS = Path(__file__).resolve().parent / "assets"  # where the shipped models are made
EXIT_BAD_ARGUMENTS, EXIT_NO_DATA, EXIT_FAILED = 2, 3, 4

"""
## The options

Every option has the seed's value as its default for the MLP. The CNN's defaults are its
speed-run recipe (batches of 512, a one-cycle rate peaking at 0.012) with augmentation on,
because its job is recognising real drawings. With `--design`, the defaults are the design's.
"""


def parse_arguments(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="train_model.py", description="Train a DigitPad model on MNIST.")
    network = parser.add_mutually_exclusive_group()
    network.add_argument("--model", choices=MODEL_KINDS, help="a preset network (default: mlp, the seed)")
    network.add_argument("--design", type=Path, metavar="FILE.json", help="a network design (JSON) to train")
    parser.add_argument("--epochs", type=positive_int, help="epochs (default: 8 for mlp, 4 for cnn)")
    parser.add_argument("--batch-size", type=positive_int, help="batch size (default: 128 for mlp, 512 for cnn)")
    parser.add_argument(
        "--learning-rate",
        type=positive_float,
        help="Adam learning rate; the CNN's one-cycle schedule peaks there (default: 0.001 for mlp, 0.012 for cnn)",
    )
    parser.add_argument(
        "--augment",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="vary the digits while training: rotation, scale, shift, stroke width, flagged 1s "
        "(default: on for cnn, off for mlp)",
    )
    parser.add_argument("--seed", type=int, help="random seed: the starting weights and the data order (default: 42)")
    parser.add_argument("--out", type=Path,
                        help="model file, must end in .keras (default: assets/MODEL.keras, or NAME.keras for a design)")
    parser.add_argument(
        "--mnist-dir",
        default=default_mnist_dir(),
        help="folder with the four official MNIST .gz files, for offline use (default: $DIGITPAD_MNIST_DIR)",
    )
    parser.add_argument(
        "--data-dir",
        default=default_tfds_dir(),
        help="tensorflow-datasets data folder (default: $DIGITPAD_TFDS_DIR or tfds' own)",
    )
    parser.add_argument("--curve", type=Path, help="learning-curve PNG (default: next to --out)")
    arguments = parser.parse_args(argv)
    arguments.settings = training_settings(arguments)
    arguments.model = None if arguments.design else arguments.model or "mlp"
    if arguments.out is None:  # a preset's model is one of the app's assets; a design's goes here, named for it
        arguments.out = ASSETS / f"{arguments.model}.keras" if arguments.model else design_out(arguments)
    if arguments.out.suffix != ".keras":
        parser.error(f"--out must end in .keras, not {arguments.out.name!r}")
    if arguments.design and arguments.out.with_suffix(".json").resolve() == arguments.design.resolve():
        parser.error(f"the card {arguments.out.with_suffix('.json')} would overwrite the design; choose another --out")
    arguments.curve = arguments.curve or arguments.out.with_suffix(".png")
    return arguments


def training_settings(arguments: argparse.Namespace) -> TrainingSettings:
    """The design (a preset's or the file's), its training changed only where an option was given.

    A design that cannot be built, or an option that takes it out of range, ends the run here:
    one sentence naming the layer, exit code 2, nothing written.
    """
    given = {name: getattr(arguments, name) for name in ("epochs", "batch_size", "learning_rate", "augment", "seed")}
    try:
        design = read_design(arguments.design) if arguments.design else preset_for_kind(arguments.model or "mlp")
        return TrainingSettings.from_design(design, **{k: v for k, v in given.items() if v is not None})
    except DesignError as error:
        print(f"train_model.py: error: {error}", file=sys.stderr)
        raise SystemExit(EXIT_BAD_ARGUMENTS) from None


def design_out(arguments: argparse.Namespace) -> Path:
    """`lenet-5.keras` here for a design named "LeNet-5"; `-trained` added when its card would be the design file."""
    out = Path(f"{design_stem(arguments.settings.design)}.keras")
    clashes = out.with_suffix(".json").resolve() == arguments.design.resolve()
    return Path(f"{out.stem}-trained.keras") if clashes else out


def positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text} is not a positive whole number")
    return value


def positive_float(text: str) -> float:
    value = float(text)
    if not value > 0:
        raise argparse.ArgumentTypeError(f"{text} is not a positive number")
    return value


"""
## Progress

The training core reports through a listener; here it becomes one line per epoch, and each
epoch's accuracies go to the process that draws the learning curve.
"""


def make_printer(curves: CurveDrawer):
    from digitpad.core.training.fit import TrainingListener

    class EpochPrinter(TrainingListener):
        def epoch_started(self, epoch, epochs):
            self.started, self.epochs = time.perf_counter(), epochs

        def epoch_ended(self, epoch, metrics):
            print(
                f"epoch {epoch}/{self.epochs}  accuracy {metrics['accuracy']:.4f}  "
                f"val_accuracy {metrics['val_accuracy']:.4f}  loss {metrics['loss']:.4f}  "
                f"{time.perf_counter() - self.started:.1f} s",
                flush=True,
            )
            curves.epoch_ended(metrics)

    return EpochPrinter()


"""
## A process of its own

Run as a command, this script owns its process, so it can set up TensorFlow for the one run
it makes (`import_training_stack`) and end without tearing it down (`end_training_process`);
`main()` called from other code (the tests) leaves the caller's TensorFlow alone.
"""


"""
## Train, save, plot
"""


def main(argv: list[str] | None = None, cold_process: bool = False) -> int:
    arguments = parse_arguments(argv)
    settings = arguments.settings
    title = f"{settings.model_kind if arguments.model else settings.design['name']} on MNIST"
    with CurveDrawer(title, settings.epochs) as curves:  # matplotlib loads in its process, TensorFlow here
        if cold_process:
            import_training_stack(arguments.model)  # the seed MLP's threading is for the mlp preset alone
        return train_and_save(arguments, curves)


def train_and_save(arguments: argparse.Namespace, curves: CurveDrawer) -> int:
    from digitpad.core.atomic_files import FolderNotWritable, check_writable, write_bytes_atomically
    from digitpad.core.runs.model_files import curve_path, save_model
    from digitpad.core.training.fit import train

    settings = arguments.settings
    name = settings.design["name"]
    print(
        f"training {name} for {settings.epochs} epochs "
        f"(batch {settings.batch_size}, learning rate {settings.learning_rate}, "
        f"augmentation {'on' if settings.augment else 'off'})",
        flush=True,
    )
    try:
        for folder in {arguments.out.parent, arguments.curve.parent}:
            check_writable(folder)  # now, not after minutes of training
        printer = make_printer(curves)
        result = train(settings, listener=printer, mnist_dir=arguments.mnist_dir, data_dir=arguments.data_dir)
    except MnistUnavailable as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_NO_DATA
    except FolderNotWritable as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_FAILED
    except Exception as error:  # one sentence, not a traceback, for anything else
        print(f"error: training failed: {error}", file=sys.stderr)
        return EXIT_FAILED
    try:
        curve = curves.png(result.history)
        if arguments.curve == curve_path(arguments.out):
            save_model(result.model, arguments.out, result.card(), curve)  # one unit
        else:
            save_model(result.model, arguments.out, result.card())
            write_bytes_atomically(arguments.curve, curve)
    except OSError as error:  # a full disk, a folder made read-only meanwhile
        print(f"error: the model could not be saved to {arguments.out} ({error.strerror or error}); "
              "free some space or choose another --out.", file=sys.stderr)
        return EXIT_FAILED
    print(f"test accuracy {result.test_accuracy:.4f} in {result.seconds:.1f} s")
    print(f"wrote {arguments.out}, {arguments.out.with_suffix('.json')} and {arguments.curve}")
    return 0


if __name__ == "__main__":
    end_training_process(main(cold_process=True))
