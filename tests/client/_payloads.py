"""Request payloads shared by the client tests."""

TXT2IMG = dict(
    model_name="sd_xl_base_1.0.safetensors",
    prompt="a cat",
    width=512,
    height=512,
    image_num=2,
    steps=20,
    guidance_scale=7.5,
    sampler_name="Euler a",
)
