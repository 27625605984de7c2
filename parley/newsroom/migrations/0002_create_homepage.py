from django.db import migrations


def create_homepage(apps, schema_editor):
    """Replace Wagtail's welcome page with the newsroom's front page."""
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    Locale = apps.get_model("wagtailcore.Locale")
    HomePage = apps.get_model("newsroom.HomePage")

    welcome = Page.objects.filter(depth=2, slug="home").first()
    locale = welcome.locale if welcome else Locale.objects.first()
    if welcome:
        welcome.delete()
    root = Page.objects.get(depth=1)
    content_type, _ = ContentType.objects.get_or_create(model="homepage", app_label="newsroom")
    home = HomePage.objects.create(
        title="Front page",
        draft_title="Front page",
        slug="home",
        content_type=content_type,
        path=root.path + "0001",
        depth=2,
        numchild=0,
        url_path="/home/",
        locale=locale,
        live=True,
    )
    root.numchild = 1
    root.save(update_fields=["numchild"])
    site = Site.objects.filter(is_default_site=True).first()
    if site:
        site.root_page = home
        site.site_name = "Parley"
        site.save()
    else:
        Site.objects.create(
            hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Parley"
        )


class Migration(migrations.Migration):
    dependencies = [("newsroom", "0001_initial")]

    operations = [migrations.RunPython(create_homepage, migrations.RunPython.noop)]
