"""The course's architectures, one file per family.

The ImageNet-size models mirror torchvision's module names and shapes (so a
torchvision ``state_dict`` loads); the ``*_small`` variants are scaled down for
28×28 Fashion-MNIST on a laptop CPU, each documenting what was scaled and why.
The faithful LeNet-5 takes two files: its own layers (``lenet5_layers``) and the
network (``lenet5``).
"""

from cnnlab.models.lenet_modern import lenet_modern  # noqa: F401
from cnnlab.models.lenet5 import lenet5, lenet5_loss, c3_connection_table  # noqa: F401
from cnnlab.models.alexnet import alexnet, alexnet_2012, alexnet_small  # noqa: F401
from cnnlab.models.vgg import vgg11, vgg16, vgg16_bn, vgg_small  # noqa: F401
from cnnlab.models.nin import nin, nin_small  # noqa: F401
from cnnlab.models.googlenet import googlenet, googlenet_small  # noqa: F401
from cnnlab.models.resnet import resnet18, resnet34, resnet50, resnet_small, plain_small  # noqa: F401
