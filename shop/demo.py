"""The menu of the demo tea shop, loaded by ``manage.py demo_data`` (which ``make run`` calls).

``load()`` is idempotent: it creates the products that are missing and leaves existing ones
alone, so a price or a description changed in the admin survives the next ``make run``.
"""

# The Chinese text rightly uses full-width punctuation, which ruff takes for look-alikes.
# ruff: noqa: RUF001

from decimal import Decimal

from shop.models import Product

MENU = [
    {
        "slug": "bubble-tea",
        "name_en": "Pearl milk tea",
        "name_zh_hant": "珍珠奶茶",
        "description_en": (
            "Black tea shaken with fresh milk and poured over chewy brown-sugar tapioca pearls. "
            "Comes with a wide straw."
        ),
        "description_zh_hant": "紅茶加鮮奶搖勻，倒在 Q 彈的黑糖珍珠上，附粗吸管。",
        "price": 65,
    },
    {
        "slug": "oolong-tea",
        "name_en": "Dong Ding oolong tea",
        "name_zh_hant": "凍頂烏龍茶",
        "description_en": (
            "A pot of roasted oolong from the hills of Nantou. The leaves can be steeped again "
            "and again; ask for more hot water."
        ),
        "description_zh_hant": "南投鹿谷的焙火烏龍，一壺茶葉可以回沖好幾次，熱水隨時幫你加。",
        "price": 120,
    },
    {
        "slug": "beef-noodle-soup",
        "name_en": "Braised beef noodle soup",
        "name_zh_hant": "紅燒牛肉麵",
        "description_en": (
            "Beef shank slow-braised in a spiced soy broth, with thick hand-pulled noodles. "
            "Pickled mustard greens are on the table."
        ),
        "description_zh_hant": "慢火燉煮的牛腱配上香料醬油湯頭和手工粗麵，桌上的酸菜自己加。",
        "price": 200,
    },
    {
        "slug": "braised-pork-rice",
        "name_en": "Braised pork rice",
        "name_zh_hant": "滷肉飯",
        "description_en": (
            "Finely chopped pork belly simmered in soy sauce and fried shallots, spooned over "
            "a bowl of rice."
        ),
        "description_zh_hant": "肥瘦相間的豬肉丁用醬油和油蔥酥慢滷，淋在一碗白飯上。",
        "price": 40,
    },
    {
        "slug": "scallion-pancake",
        "name_en": "Scallion pancake",
        "name_zh_hant": "蔥抓餅",
        "description_en": (
            "A flaky layered pancake fried on the griddle, then scrunched with the spatula so "
            "every layer turns crisp."
        ),
        "description_zh_hant": "層層分明的餅皮在鐵板上煎香，再用鍋鏟抓鬆，每一層都酥脆。",
        "price": 45,
    },
    {
        "slug": "tea-egg",
        "name_en": "Tea egg",
        "name_zh_hant": "茶葉蛋",
        "description_en": (
            "An egg simmered for hours in tea, soy sauce and star anise. The cracked shell "
            "leaves a marbled pattern on the white."
        ),
        "description_zh_hant": "用茶葉、醬油和八角滷上好幾個小時，敲裂的蛋殼在蛋白上留下大理石紋。",
        "price": 15,
    },
    {
        "slug": "pineapple-cake",
        "name_en": "Pineapple cake",
        "name_zh_hant": "鳳梨酥",
        "description_en": (
            "A buttery shortbread square filled with sweet and tangy pineapple jam. It travels "
            "well, so people take boxes of them home."
        ),
        "description_zh_hant": "奶油香濃的酥皮包著酸甜的鳳梨內餡，耐放好帶，最適合買一盒回去送人。",
        "price": 50,
    },
    {
        "slug": "mango-shaved-ice",
        "name_en": "Mango shaved ice",
        "name_zh_hant": "芒果冰",
        "description_en": (
            "A mountain of fluffy milk snow ice, covered with fresh summer mango and a scoop of "
            "mango sorbet. Big enough to share."
        ),
        "description_zh_hant": (
            "綿密的牛奶雪花冰堆成小山，鋪滿新鮮夏季芒果，再加一球芒果冰淇淋，兩個人吃剛好。"
        ),
        "price": 180,
    },
]


def load(stdout):
    created = 0
    for position, item in enumerate(MENU, start=1):
        defaults = {
            **item,
            "price": Decimal(item["price"]),
            "image": f"img/shop/{item['slug']}.svg",
            "position": position,
        }
        _, was_created = Product.objects.get_or_create(slug=item["slug"], defaults=defaults)
        created += was_created
    stdout.write(f"Shop: {created} products created, {len(MENU) - created} already there.")
