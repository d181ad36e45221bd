"""The workshop's plain tfds tutorial, as one script: the reference for `train_model.py`'s whole process.

It is the seed's code with nothing DigitPad adds: tfds.load, map -> cache -> shuffle -> batch(128)
-> prefetch, the 784-128-10 MLP, 8 epochs of Adam, save the model, plot the learning curve.
`bench/train_process.py` times it from outside, as a cold process, next to `train_model.py`.

    python bench/seed_tutorial.py OUT_FOLDER [--mnist-dir DIR] [--data-dir DIR]
"""

import argparse
import os

import tensorflow as tf
import tensorflow_datasets as tfds

parser = argparse.ArgumentParser()
parser.add_argument("out")
parser.add_argument("--mnist-dir", default=os.environ.get("DIGITPAD_MNIST_DIR"))
parser.add_argument("--data-dir", default=os.environ.get("DIGITPAD_TFDS_DIR"))
arguments = parser.parse_args()

config = tfds.download.DownloadConfig(manual_dir=arguments.mnist_dir) if arguments.mnist_dir else None
(ds_train, ds_test), ds_info = tfds.load(
    "mnist",
    split=["train", "test"],
    shuffle_files=True,
    as_supervised=True,
    with_info=True,
    data_dir=arguments.data_dir,
    download_and_prepare_kwargs={"download_config": config},
)


def normalize_img(image, label):
    """Normalizes images: `uint8` -> `float32`."""
    return tf.cast(image, tf.float32) / 255.0, label


ds_train = ds_train.map(normalize_img, num_parallel_calls=tf.data.AUTOTUNE)
ds_train = ds_train.cache()
ds_train = ds_train.shuffle(ds_info.splits["train"].num_examples)
ds_train = ds_train.batch(128)
ds_train = ds_train.prefetch(tf.data.AUTOTUNE)

ds_test = ds_test.map(normalize_img, num_parallel_calls=tf.data.AUTOTUNE)
ds_test = ds_test.batch(128)
ds_test = ds_test.cache()
ds_test = ds_test.prefetch(tf.data.AUTOTUNE)

model = tf.keras.models.Sequential(
    [
        tf.keras.layers.Flatten(input_shape=(28, 28)),
        tf.keras.layers.Dense(128, activation="relu"),
        tf.keras.layers.Dense(10),
    ]
)
model.compile(
    optimizer=tf.keras.optimizers.Adam(0.001),
    loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True),
    metrics=[tf.keras.metrics.SparseCategoricalAccuracy()],
)
history = model.fit(ds_train, epochs=8, validation_data=ds_test, verbose=2)
model.save(os.path.join(arguments.out, "seed.keras"))

import matplotlib  # noqa: E402

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

plt.plot(history.history["sparse_categorical_accuracy"], label="training")
plt.plot(history.history["val_sparse_categorical_accuracy"], label="validation")
plt.xlabel("epoch")
plt.ylabel("accuracy")
plt.legend()
plt.savefig(os.path.join(arguments.out, "seed.png"))
print(f"val_accuracy {history.history['val_sparse_categorical_accuracy'][-1]:.4f}")
