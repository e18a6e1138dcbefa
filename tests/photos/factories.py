import io

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from apps.photos import images, services
from apps.photos.models import Photo


def image_bytes(*, size=(1200, 800), fmt="JPEG", color=(11, 59, 130), **save) -> bytes:
    buffer = io.BytesIO()
    mode = "RGBA" if fmt == "PNG" and len(color) == 4 else "RGB"
    Image.new(mode, size, color).save(buffer, format=fmt, **save)
    return buffer.getvalue()


def upload(*, name="photo.jpg", content: bytes | None = None, **kwargs) -> SimpleUploadedFile:
    return SimpleUploadedFile(
        name, content if content is not None else image_bytes(**kwargs), "image/jpeg"
    )


class PhotoFactory(factory.django.DjangoModelFactory):
    """A public photo by default (published, no identifiable people), saved
    through the service so its master and renditions exist on disk."""

    class Meta:
        model = Photo
        skip_postgeneration_save = True

    caption = factory.Sequence(lambda n: f"Delegates at the forum, day {n}")
    alt_text = factory.Sequence(lambda n: f"Delegates listen to a panel on day {n}")
    credit = "Rafly Rinaldy"
    copyright_holder = "GIZ"
    kind = Photo.Kind.PHOTOGRAPH
    licence = Photo.Licence.ALL_RIGHTS_RESERVED
    people = Photo.People.NONE
    is_published = True
    featured_on_home = False
    # The uploaded image's size in pixels (not a model field).
    size = (1200, 800)

    @classmethod
    def _create(cls, model_class, *args, size=(1200, 800), **kwargs):
        photo = model_class(*args, **kwargs)
        master = images.prepare(upload(size=size))
        return services.photo_save(photo=photo, master=master)

    @factory.post_generation
    def components(self, create, extracted, **kwargs):
        if create and extracted:
            self.components.set(extracted)
