from django.contrib import admin

from shop.models import Order, OrderLine, Product


@admin.register(Product)
class ProductAdmin(admin.ModelAdmin):
    list_display = ["name_en", "name_zh_hant", "price", "position", "active"]
    list_editable = ["price", "position", "active"]
    list_filter = ["active"]
    search_fields = ["name_en", "name_zh_hant", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}


class OrderLineInline(admin.TabularInline):
    """An order's lines as they were sold: the record is read-only, like a receipt."""

    model = OrderLine
    fields = ["product", "quantity", "unit_price", "subtotal"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Order)
class OrderAdmin(admin.ModelAdmin):
    list_display = ["__str__", "user", "created", "total"]
    list_filter = ["created"]
    search_fields = ["user__username"]
    date_hierarchy = "created"
    fields = ["user", "created", "total"]
    readonly_fields = fields
    inlines = [OrderLineInline]

    def has_add_permission(self, request):
        return False
