# ruff: noqa: RUF001 - typographic apostrophes and quotation marks are intended in the copy
"""Demo content for the Parley newsroom.

Everything in this module is original writing for a fictional wire service. The people,
organisations, institutions, quotes and events are invented; real cities appear only as
datelines and settings. The data is plain Python so it can be loaded by a management
command, a fixture builder or a test without importing Django.

Conventions:

* ``published`` and ``update["at"]`` are naive ISO 8601 local times in the article's
  ``time_zone`` (an IANA zone name).
* ``authors`` is an ordered list of ``(author_slug, role)`` pairs.
* ``body`` is a list of ``(block_type, value)`` pairs. Paragraph HTML uses only ``<p>``,
  ``<b>``, ``<i>`` and ``<a href>``.
* Image ``key`` values are unique and are rendered by :mod:`parley.newsroom.demo.images`.
"""

SECTIONS = [
    {
        "slug": "middle-east",
        "title": "Middle East",
        "intro": "Diplomacy, conflict, water and everyday life across the region, reported by "
        "correspondents who live there.",
    },
    {
        "slug": "world",
        "title": "World",
        "intro": "Politics, labour and public life from every continent, filed as it happens.",
    },
    {
        "slug": "business",
        "title": "Business",
        "intro": "Central banks, markets, trade and the rules that shape how companies compete.",
    },
    {
        "slug": "science",
        "title": "Science",
        "intro": "Discoveries from the deep sea to deep space, and the people who made them.",
    },
    {
        "slug": "culture",
        "title": "Culture",
        "intro": "Museums, books, film and music, and the institutions that keep them open.",
    },
    {
        "slug": "sport",
        "title": "Sport",
        "intro": "Results, rivalries and the stories that happen away from the scoreboard.",
    },
]

AUTHORS = [
    {
        "slug": "amira-haddad",
        "name": "Amira Haddad",
        "bio": "Amira Haddad is Parley's diplomatic correspondent in Geneva. She has covered "
        "peace negotiations and humanitarian affairs for more than a decade.",
    },
    {
        "slug": "tom-lind",
        "name": "Tom Lind",
        "bio": "Tom Lind edits the Europe desk and writes about institutions, elections and "
        "the occasional sea crossing.",
    },
    {
        "slug": "karim-nassar",
        "name": "Karim Nassar",
        "bio": "Karim Nassar reports from Beirut on infrastructure, climate and the economics "
        "of daily life in the eastern Mediterranean.",
    },
    {
        "slug": "kenji-morita",
        "name": "Kenji Morita",
        "bio": "Kenji Morita is Parley's science correspondent in Tokyo, covering oceans, "
        "earthquakes and research policy.",
    },
    {
        "slug": "wanjiru-kamau",
        "name": "Wanjiru Kamau",
        "bio": "Wanjiru Kamau covers economics and finance from Nairobi. She previously worked "
        "as a statistician before moving into journalism.",
    },
    {
        "slug": "nadia-sokolova",
        "name": "Nadia Sokolova",
        "bio": "Nadia Sokolova writes about museums, architecture and the performing arts. "
        "She is based in Moscow.",
    },
    {
        "slug": "lucia-ferreyra",
        "name": "Lucía Ferreyra",
        "bio": "Lucía Ferreyra is Parley's Buenos Aires correspondent, reporting on labour, "
        "politics and cities across South America.",
    },
    {
        "slug": "priya-raman",
        "name": "Priya Raman",
        "bio": "Priya Raman covers South Asia from Bengaluru, with a focus on local government "
        "and how cities are run.",
    },
    {
        "slug": "park-ji-woo",
        "name": "Park Ji-woo",
        "bio": "Park Ji-woo reports on technology companies and the regulators who oversee "
        "them from Seoul.",
    },
    {
        "slug": "daniel-osei",
        "name": "Daniel Osei",
        "bio": "Daniel Osei is a sports writer in New York. He covers football, basketball and "
        "the business of stadiums.",
    },
    {
        "slug": "hannah-brooke",
        "name": "Hannah Brooke",
        "bio": "Hannah Brooke writes about astronomy and physics from Sydney, and is still "
        "hoping to see a total solar eclipse without clouds.",
    },
]

_STANDARD_TERMS = "Editorial use only. Not for resale or archiving by third parties."

ARTICLES = [
    # ------------------------------------------------------------------ Middle East
    {
        "slug": "ceasefire-talks-resume-in-geneva",
        "section": "middle-east",
        "title": "Ceasefire talks resume in Geneva as both sides table revised border maps",
        "standfirst": "Negotiators returned after a three-week pause, and mediators say new maps "
        "of the disputed valley have narrowed the gap between the delegations to a few "
        "kilometres.",
        "dateline_place": "GENEVA",
        "time_zone": "Europe/Zurich",
        "published": "2026-11-26T13:17:00",
        "authors": [
            ("amira-haddad", "Geneva correspondent"),
            ("tom-lind", "Additional reporting"),
        ],
        "tags": ["Ceasefire", "Geneva talks", "Diplomacy", "Humanitarian aid"],
        "lead_image": {
            "key": "geneva-talks",
            "title": "Lakefront at dusk",
            "caption": "An illustration of the lakefront at dusk, where delegates returned on "
            "Thursday for a second round of ceasefire talks.",
            "credit": "Lena Okafor",
            "copyright_holder": "Parley Wire",
            "copyright_year": 2026,
            "usage_terms": _STANDARD_TERMS,
        },
        "body": [
            (
                "paragraph",
                "<p>Negotiators for the government and the Eastern Valleys Council resumed "
                "ceasefire talks in Geneva on Thursday after a three-week pause, with both "
                "delegations presenting revised maps of the disputed Wadi Sirran corridor for "
                "the first time.</p>",
            ),
            (
                "paragraph",
                '<p>The talks, hosted by the <a href="https://example.org/lakeside-dialogue-'
                'centre">Lakeside Dialogue Centre</a>, a private mediation foundation, broke '
                "down earlier this month over the position of a proposed demilitarised strip "
                "along the valley floor. Mediators said the new maps narrowed the gap between "
                "the two sides to less than four kilometres at its widest point. Fighting "
                "along the corridor has displaced more than 60,000 people since the spring, "
                "according to aid agencies working in the area.</p>",
            ),
            (
                "quote",
                {
                    "text": "For the first time, we are arguing about kilometres rather than "
                    "principles. At this stage, that is what progress looks like.",
                    "attribution": "Ingrid Vasseur, chief mediator, Lakeside Dialogue Centre",
                },
            ),
            ("heading", "Aid corridor comes first"),
            (
                "paragraph",
                "<p>Both delegations agreed on Wednesday evening to give priority to a "
                "humanitarian corridor that would let aid convoys reach an estimated 140,000 "
                "people in the upper valley, where the last full convoy arrived in early "
                "October. Aid agencies say stocks of flour and fuel in the area’s two main "
                "towns will run out before the end of December.</p>",
            ),
            (
                "paragraph",
                "<p>Under the draft discussed on Thursday, convoys would travel on fixed days, "
                "with monitors from a neutral observer mission riding in the lead vehicle. A "
                "joint liaison cell, staffed around the clock, would handle incidents along "
                "the route as they happen. Each side would nominate three officers to the "
                "cell, and the observers would publish a short weekly report on how many "
                "convoys had passed and whether any had been delayed.</p>",
            ),
            (
                "quote",
                {
                    "text": "Our trucks can be loaded and moving within forty-eight hours of a "
                    "signature. What we need is a guarantee that the road will still be open "
                    "the day after.",
                    "attribution": "Mariam Tadros, regional coordinator, Open Roads Relief "
                    "Alliance",
                },
            ),
            ("heading", "Prisoners remain the sticking point"),
            (
                "paragraph",
                "<p>The question of detainees is unresolved. The Eastern Valleys Council has "
                "asked for the release of 312 people as a condition of any permanent "
                "arrangement, while the government delegation says it will discuss releases "
                "only after a truce has held for thirty days.</p>",
            ),
            (
                "paragraph",
                "<p>Samir Awad, the deputy interior minister leading the government side, "
                "told reporters outside the venue that his team had come to Geneva “with a "
                "mandate to sign”, but cautioned that the text was “not yet ready for "
                "anyone’s signature”. A spokesman for the council, Yusuf Karam, said its "
                "negotiators would stay over the weekend. “We did not come back to leave "
                "after two days,” he said.</p>",
            ),
            (
                "paragraph",
                "<p>Sessions are scheduled to continue on Friday morning. The mediators have "
                "declined to set a deadline, but diplomats familiar with the process said a "
                "consolidated draft could be circulated to both delegations early next "
                "week.</p>",
            ),
        ],
        "update": {
            "at": "2026-11-26T17:02:00",
            "paragraph": "<p>The two delegations signed a short protocol on the humanitarian "
            "corridor on Thursday afternoon, the Lakeside Dialogue Centre said. The first "
            "convoy of 40 trucks is due to leave on Monday morning. Talks on a wider "
            "ceasefire, including the release of detainees, resume on Friday.</p>",
        },
    },
    {
        "slug": "beirut-extends-water-rationing",
        "section": "middle-east",
        "title": "Beirut extends water rationing as dry autumn drains reservoirs",
        "standfirst": "Most households will receive mains water three days a week from Monday, "
        "with reservoirs feeding the capital at about a quarter of capacity after a second "
        "year of weak rains.",
        "dateline_place": "BEIRUT",
        "time_zone": "Asia/Beirut",
        "published": "2026-11-22T10:40:00",
        "authors": [("karim-nassar", "Beirut correspondent")],
        "tags": ["Drought", "Water", "Climate", "Cities"],
        "lead_image": {
            "key": "beirut-reservoir",
            "title": "A low reservoir",
            "caption": "An illustration of dry hills under a hazy sky. Levels in the reservoirs "
            "that supply the capital have fallen to 26 percent of capacity.",
            "credit": "Karim Nassar",
            "copyright_holder": "Parley Wire",
            "copyright_year": 2026,
            "usage_terms": _STANDARD_TERMS,
        },
        "body": [
            (
                "paragraph",
                "<p>Water supplies to most of Beirut will be cut to three days a week from "
                "Monday, the city’s water board said on Sunday, after the driest autumn in "
                "more than forty years of local records pushed the reservoirs that feed the "
                "capital down to 26 percent of capacity.</p>",
            ),
            (
                "paragraph",
                "<p>The new schedule divides the city into four zones and replaces a five-day "
                "rota introduced in August. Hospitals, bakeries and schools will continue to "
                'receive daily supplies, according to a <a href="https://example.org/beirut-'
                'water-schedule">published timetable</a>.</p>',
            ),
            (
                "quote",
                {
                    "text": "We are asking every household to treat each litre as if it were "
                    "the last one in the tank. The rains will come, but we cannot plan on "
                    "when.",
                    "attribution": "Hala Mansour, director of operations, Metropolitan Water Board",
                },
            ),
            ("heading", "A busy trade in tanker water"),
            (
                "paragraph",
                "<p>Private tanker operators, who fill rooftop tanks for buildings that run "
                "dry between mains deliveries, say demand has roughly doubled since "
                "September. Prices have followed: residents in several neighbourhoods "
                "reported paying twice last winter’s rate for a five-cubic-metre load. "
                "Owners of older apartment blocks, where tanks are small and pumps "
                "unreliable, say they now order deliveries every second day.</p>",
            ),
            (
                "image",
                {
                    "key": "beirut-water-tankers",
                    "title": "Rooftops and tanks",
                    "caption": "An illustration of city rooftops in the afternoon sun. Demand "
                    "for tanker deliveries has roughly doubled since September.",
                    "credit": "Karim Nassar",
                    "copyright_holder": "Parley Wire",
                    "copyright_year": 2026,
                    "usage_terms": _STANDARD_TERMS,
                },
            ),
            (
                "paragraph",
                "<p>The water board said it would publish a ceiling price for tanker "
                "deliveries within two weeks and would inspect trucks for licences and water "
                "quality. Drivers’ representatives said they supported inspections but warned "
                "that a cap set too low would push smaller operators out of business.</p>",
            ),
            (
                "paragraph",
                "<p>In the Achrafieh district, Rima Saade, a pharmacist, said her building had "
                "installed a second rooftop tank in October. “We wash dishes in a basin now, "
                "and the water goes on the plants afterwards,” she said. “Everybody on our "
                "street has become a plumber.”</p>",
            ),
            ("heading", "Fixing leaks before building dams"),
            (
                "paragraph",
                "<p>Engineers at the board estimate that about a third of the water entering "
                "the network is lost to leaks before it reaches a tap. A programme to replace "
                "60 kilometres of older pipe is under way, although officials said it would "
                "not be finished before 2028.</p>",
            ),
            (
                "paragraph",
                "<p>Hydrologists at the Levant Water Research Institute said rationing alone "
                "would not close the gap if the coming winter is also dry. They urged the "
                "authorities to speed up plans to treat and reuse wastewater for farming, "
                "which accounts for the largest share of demand in the surrounding "
                "districts.</p>",
            ),
            (
                "paragraph",
                "<p>Forecasters expect the first significant rain of the season in the second "
                "week of December. The board said the rota would be reviewed once reservoir "
                "levels rise above 40 percent. Until then, residents can check their zone’s "
                "supply days by text message or on the board’s website, which it said had "
                "received more than 200,000 visits in its first day.</p>",
            ),
        ],
        "update": None,
    },
    # ------------------------------------------------------------------ Science
    {
        "slug": "deep-coral-reef-found-off-izu-islands",
        "section": "science",
        "title": "Cold-water coral reef found thriving in darkness off Japan’s Izu Islands",
        "standfirst": "A robotic survey mapped a reef almost two kilometres long at a depth of "
        "740 metres, home to species never before recorded in Japanese waters.",
        "dateline_place": "TOKYO",
        "time_zone": "Asia/Tokyo",
        "published": "2026-11-19T15:30:00",
        "authors": [("kenji-morita", "Science correspondent")],
        "tags": ["Oceans", "Research", "Biodiversity", "Climate"],
        "lead_image": {
            "key": "izu-deep-reef",
            "title": "Seamount under open water",
            "caption": "An illustration of open ocean above a seamount south of the Izu "
            "Islands, where researchers found the reef.",
            "credit": "Yuki Tanabe",
            "copyright_holder": "Parley Wire",
            "copyright_year": 2026,
            "usage_terms": _STANDARD_TERMS,
        },
        "body": [
            (
                "paragraph",
                "<p>Marine scientists have found a cold-water coral reef nearly two kilometres "
                "long on a seamount south of Japan’s Izu Islands, growing in complete "
                "darkness at a depth of about 740 metres, according to a study published on "
                "Thursday.</p>",
            ),
            (
                "paragraph",
                "<p>The reef, built mostly by a stony coral that feeds on drifting particles "
                "rather than relying on sunlight, was mapped during a three-week expedition "
                "in the spring by researchers from the Kanto Institute of Marine Sciences. "
                "Their findings appear in the <i>Journal of Deep Ocean Ecology</i>. The team "
                "spent more than 90 hours on the seabed with a remotely operated vehicle, "
                "collecting high-resolution video, water samples and small fragments of "
                "coral for dating.</p>",
            ),
            (
                "quote",
                {
                    "text": "We expected scattered colonies. Instead, the camera came over a "
                    "ridge and the whole slope was white with coral, as far as the lights "
                    "could reach.",
                    "attribution": "Emi Kawaguchi, lead author, Kanto Institute of Marine Sciences",
                },
            ),
            ("heading", "Dozens of unrecorded species"),
            (
                "paragraph",
                "<p>The team catalogued 83 species living on or around the reef, including "
                "sponges, brittle stars, squat lobsters and a small pink fish from the "
                "rockling family. At least eleven had not been recorded in Japanese waters "
                "before, and three may be new to science, pending genetic analysis. The "
                "researchers also found dense clusters of fish eggs attached to dead coral "
                "branches, suggesting the reef may serve as a nursery for species that spend "
                "their adult lives in open water.</p>",
            ),
            (
                "paragraph",
                "<p>Samples of coral skeleton suggest parts of the reef began growing more "
                "than 4,000 years ago. Cold-water corals grow slowly, often adding only a few "
                "millimetres a year, which leaves them vulnerable to bottom trawling and to "
                "heavy equipment used in deep-sea mining.</p>",
            ),
            (
                "embed",
                {
                    "url": "https://www.youtube.com/watch?v=q7Rk2PzW0aE",
                    "title": "Footage from the survey vehicle as it passes over the reef",
                    "provider": "YouTube",
                },
            ),
            ("heading", "Calls for protection"),
            (
                "paragraph",
                "<p>The authors recommend that the seamount be considered for protection "
                "under the national marine conservation plan, which is due for review next "
                "year. No commercial fishing has been recorded at that depth in the area, but "
                "the survey found trawl marks on a neighbouring slope.</p>",
            ),
            (
                "quote",
                {
                    "text": "A reef like this takes millennia to build and an afternoon to "
                    "destroy. The cheapest moment to protect it is before anyone has a reason "
                    "to go there.",
                    "attribution": "Takeshi Ono, deep-sea ecologist, who was not involved in "
                    "the study",
                },
            ),
            (
                "paragraph",
                "<p>The institute plans to return next summer to measure the currents that "
                "carry food to the reef and to install a camera that will photograph the site "
                "once an hour for a year. Fisheries officials said they would study the "
                'report before the review begins. Data from the survey have been <a href="'
                'https://example.org/izu-reef-data">made publicly available</a>.</p>',
            ),
        ],
        "update": None,
    },
    {
        "slug": "radio-telescope-traces-slow-signal",
        "section": "science",
        "title": "Outback radio telescope traces repeating signal to a slow-spinning dead star",
        "standfirst": "Pulses arriving every 71 minutes come from a neutron star turning far "
        "more slowly than theory allows, astronomers say, challenging ideas about how such "
        "objects age.",
        "dateline_place": "SYDNEY",
        "time_zone": "Australia/Sydney",
        "published": "2026-11-17T10:30:00",
        "authors": [("hannah-brooke", "Science writer")],
        "tags": ["Astronomy", "Space", "Research"],
        "lead_image": {
            "key": "radio-array-night",
            "title": "Night sky over the plains",
            "caption": "An illustration of a clear night over rolling country, the kind of "
            "radio-quiet landscape where the array was built.",
            "credit": "Ruby Callahan",
            "copyright_holder": "Parley Wire",
            "copyright_year": 2026,
            "usage_terms": _STANDARD_TERMS,
        },
        "body": [
            (
                "paragraph",
                "<p>Astronomers using the Southern Plains Radio Array in outback New South "
                "Wales have traced a radio signal that repeats every 71 minutes to a neutron "
                "star, the collapsed core of a massive star, spinning far more slowly than "
                "current theory says is possible. The array, a field of 96 small dishes "
                "spread over farmland west of the Great Dividing Range, was built in a "
                "region chosen for its low levels of radio interference.</p>",
            ),
            (
                "paragraph",
                "<p>The object, catalogued as SPRA J1709-38, emits a burst of radio waves "
                "lasting up to three minutes once per rotation. Most known neutron stars spin "
                'in seconds or fractions of a second. The findings were <a href="https://'
                'example.org/spra-j1709">published on Tuesday</a> in the <i>Astrophysical '
                "Letters Quarterly</i>.</p>",
            ),
            (
                "quote",
                {
                    "text": "When we first saw the pulses, we assumed it was interference, "
                    "maybe a faulty pump on a farm. It took us six months to convince "
                    "ourselves it was in the sky.",
                    "attribution": "Olivia Tran, lead author, University of the Western Plains",
                },
            ),
            ("heading", "Too slow to shine"),
            (
                "paragraph",
                "<p>Neutron stars are thought to produce radio emission through the "
                "interaction of their rotation and their intense magnetic fields. As they "
                "slow down over millions of years, they are expected to cross a so-called "
                "death line, beyond which the emission switches off. At one turn every 71 "
                "minutes, the new object sits well past that line.</p>",
            ),
            (
                "paragraph",
                "<p>The team considered whether the signal might instead come from a white "
                "dwarf, a larger and more common kind of stellar remnant, but concluded that "
                "the pulses were too sharp and too strongly polarised to fit. The timing of "
                "the pulses has also stayed steady to within a fraction of a second over the "
                "whole observing period, which the authors said points to a single rotating "
                "object rather than a pair of stars orbiting each other.</p>",
            ),
            (
                "image",
                {
                    "key": "radio-array-dishes",
                    "title": "Dishes at first light",
                    "caption": "An illustration of low hills at first light. The array’s "
                    "antennas are spread across several kilometres of farmland.",
                    "credit": "Ruby Callahan",
                    "copyright_holder": "Parley Wire",
                    "copyright_year": 2026,
                    "usage_terms": _STANDARD_TERMS,
                },
            ),
            ("heading", "A growing family of oddities"),
            (
                "paragraph",
                "<p>A handful of slow radio sources have been reported in recent years, but "
                "most were seen only briefly. SPRA J1709-38 has been monitored for 19 months, "
                "giving astronomers one of the longest continuous records of such an object "
                "so far.</p>",
            ),
            (
                "quote",
                {
                    "text": "Every one of these objects is a small embarrassment for the "
                    "textbooks, which is exactly why they are worth chasing.",
                    "attribution": "Samuel Achterberg, astrophysicist, who was not involved in "
                    "the research",
                },
            ),
            (
                "paragraph",
                "<p>The array’s operators said the discovery depended on new software that "
                "searches for slow, faint signals that earlier surveys, tuned for fast "
                "pulsars, would have discarded as noise. The team plans to point an X-ray "
                "telescope at the same position next year, which could reveal the strength "
                "of the star’s magnetic field. The software has been released as open source "
                "so that other observatories can search their own archives for similar "
                "signals.</p>",
            ),
        ],
        "update": None,
    },
    # ------------------------------------------------------------------ Business
    {
        "slug": "union-reserve-bank-holds-rate",
        "section": "business",
        "title": "Union Reserve Bank holds key rate at 8.75% as food prices ease",
        "standfirst": "The Nairobi-based central bank left borrowing costs unchanged for a "
        "second meeting, saying it wants firmer evidence that inflation will stay inside its "
        "target range before cutting.",
        "dateline_place": "NAIROBI",
        "time_zone": "Africa/Nairobi",
        "published": "2026-11-25T16:05:00",
        "authors": [("wanjiru-kamau", "Economics correspondent")],
        "tags": ["Central banks", "Interest rates", "Inflation", "Markets"],
        "lead_image": {
            "key": "nairobi-reserve-bank",
            "title": "City skyline",
            "caption": "An illustration of a city skyline in the late afternoon, shortly after "
            "the rate decision was announced.",
            "credit": "Joseph Mutua",
            "copyright_holder": "Parley Wire",
            "copyright_year": 2026,
            "usage_terms": _STANDARD_TERMS,
        },
        "body": [
            (
                "paragraph",
                "<p>The Union Reserve Bank held its benchmark lending rate at 8.75 percent on "
                "Wednesday, leaving borrowing costs unchanged for a second consecutive "
                "meeting as easing food prices brought inflation back towards its target "
                "range.</p>",
            ),
            (
                "paragraph",
                "<p>Seven of the nine members of the monetary policy committee voted to hold. "
                "Two voted for a cut of a quarter of a percentage point, the first dissent in "
                "favour of lower rates since the committee began publishing its votes in "
                "2023.</p>",
            ),
            (
                "paragraph",
                "<p>Headline inflation across the five-member Rift Monetary Union slowed to "
                "6.1 percent in October from 6.8 percent in September, helped by a strong "
                "maize harvest and cheaper cooking oil. The bank aims to keep inflation "
                "between 3 and 6 percent. Core inflation, which strips out food and fuel, "
                "was steadier at 5.4 percent, a sign that underlying price pressures have "
                "eased more slowly than the headline figure suggests.</p>",
            ),
            (
                "quote",
                {
                    "text": "We are close, but close is not the same as there. We would rather "
                    "hold for one more meeting than cut now and have to reverse ourselves in "
                    "the spring.",
                    "attribution": "Esther Wambui Kilonzo, governor, Union Reserve Bank",
                },
            ),
            ("heading", "Currency steady, lending slow"),
            (
                "paragraph",
                "<p>The union’s currency was little changed against the US dollar after the "
                "announcement and traded in a narrow range for most of the afternoon. "
                "Analysts had broadly expected a hold, although a minority had forecast a cut "
                "after weak lending figures last month.</p>",
            ),
            (
                "paragraph",
                "<p>Lending to private businesses grew by 4.2 percent in the year to "
                "September, the slowest pace in three years. Small manufacturers say high "
                "borrowing costs are delaying investment in new equipment, particularly in "
                "textiles and food processing. Banks, for their part, have tightened lending "
                "standards after a rise in overdue loans among small traders, and several "
                "have shifted more of their funds into government bonds.</p>",
            ),
            (
                "quote",
                {
                    "text": "Our members are not asking for cheap money. They are asking for "
                    "predictable money, so they can sign a three-year contract with some idea "
                    "of what the loan will cost.",
                    "attribution": "Peter Achola, chief economist, Federation of Small "
                    "Manufacturers",
                },
            ),
            (
                "embed",
                {
                    "url": "https://www.youtube.com/watch?v=Lm4xT9bQw2c",
                    "title": "The governor’s news conference after the rate decision",
                    "provider": "YouTube",
                },
            ),
            ("heading", "Eyes on February"),
            (
                "paragraph",
                "<p>In its statement, the committee said risks to the outlook were “broadly "
                "balanced”, pointing to the possibility of weak short rains on one side and "
                "softer global fuel prices on the other. It said it would watch public-sector "
                "wage settlements closely.</p>",
            ),
            (
                "paragraph",
                "<p>Most economists surveyed by Parley before the decision expect the first "
                "cut at the committee’s next meeting in February, provided inflation stays "
                'inside the target range. The full <a href="https://example.org/urb-policy-'
                'statement">policy statement</a> and minutes will be published in two '
                "weeks.</p>",
            ),
        ],
        "update": None,
    },
    {
        "slug": "regulator-orders-app-stores-to-explain-rankings",
        "section": "business",
        "title": "South Korean regulator orders app stores to explain how they rank search results",
        "standfirst": "Large app marketplaces must publish the main factors behind their "
        "rankings and label paid placements clearly, or face fines of up to 3 percent of "
        "domestic revenue.",
        "dateline_place": "SEOUL",
        "time_zone": "Asia/Seoul",
        "published": "2026-11-18T14:00:00",
        "authors": [
            ("park-ji-woo", "Seoul correspondent"),
            ("kenji-morita", "Additional reporting"),
        ],
        "tags": ["Technology", "Regulation", "Competition", "Markets"],
        "lead_image": {
            "key": "seoul-app-rules",
            "title": "Abstract composition",
            "caption": "An abstract illustration of overlapping shapes, suggesting the layered "
            "signals that decide where an app appears in search results.",
            "credit": "Min-seo Kang",
            "copyright_holder": "Parley Wire",
            "copyright_year": 2026,
            "usage_terms": _STANDARD_TERMS,
        },
        "body": [
            (
                "paragraph",
                "<p>South Korea’s Platform Fairness Commission on Wednesday ordered large app "
                "marketplaces to disclose the main factors that determine how apps are ranked "
                "in search results and to label paid placements clearly, under rules that "
                "take effect in June.</p>",
            ),
            (
                "paragraph",
                "<p>The rules apply to any app store with more than five million monthly users "
                "in the country. Operators must publish a plain-language explanation of the "
                "signals they use, such as downloads, ratings and relevance to the search "
                "term, and must notify developers at least fifteen days before making "
                "significant changes. Marketplaces will also have to show, next to each "
                "paid listing, a label that is visible without scrolling or tapping, and "
                "keep records of ranking changes for three years so the commission can audit "
                "them.</p>",
            ),
            (
                "quote",
                {
                    "text": "Developers told us they felt they were running a race where the "
                    "finish line moved without warning. These rules do not tell anyone how to "
                    "rank. They require them to say how they rank.",
                    "attribution": "Han Seo-yeon, chair, Platform Fairness Commission",
                },
            ),
            ("heading", "Fines tied to revenue"),
            (
                "paragraph",
                "<p>Companies that breach the rules face fines of up to 3 percent of their "
                "domestic revenue from the marketplace, and the commission may order "
                "corrective notices to be shown to users. Repeat violations within three "
                "years can double the maximum penalty.</p>",
            ),
            (
                "paragraph",
                "<p>The decision follows a fourteen-month inquiry in which the commission "
                "surveyed more than 1,200 developers. About two-thirds said they had seen "
                "sudden drops in search visibility they could not explain, and a third said "
                "they had bought advertising mainly to win back lost positions. Several "
                "respondents described being told only that an “algorithm update” had taken "
                "place, with no indication of what had changed.</p>",
            ),
            (
                "image",
                {
                    "key": "seoul-developers-office",
                    "title": "City at night",
                    "caption": "An illustration of office towers at night. Many of the "
                    "developers surveyed work in studios of fewer than ten people.",
                    "credit": "Min-seo Kang",
                    "copyright_holder": "Parley Wire",
                    "copyright_year": 2026,
                    "usage_terms": _STANDARD_TERMS,
                },
            ),
            ("heading", "Industry wary, developers hopeful"),
            (
                "paragraph",
                "<p>The Digital Storefront Operators’ Council, which represents app store "
                "companies, said it supported transparency but warned that publishing too "
                "much detail could help fraudulent apps game the system. “There is a "
                "difference between being open and handing out a manual to spammers,” its "
                "policy director, Choi Min-jae, said in a statement.</p>",
            ),
            (
                "paragraph",
                "<p>Independent developers welcomed the rules but said enforcement would be "
                "the real test. Lee Ha-eun, who runs a four-person studio making "
                "language-learning apps, said a single ranking change last year cut her "
                "downloads by 60 percent overnight. “We didn’t need the recipe,” she said. "
                "“We just needed to know the kitchen had changed.”</p>",
            ),
            (
                "paragraph",
                "<p>A public consultation on detailed guidance runs until the end of January. "
                'The full <a href="https://example.org/pfc-ranking-rules">text of the '
                "rules</a> is available on the commission’s website.</p>",
            ),
        ],
        "update": None,
    },
    # ------------------------------------------------------------------ World
    {
        "slug": "buenos-aires-transport-strike",
        "section": "world",
        "title": "Buenos Aires commuters face 24-hour metro and bus strike over pay",
        "standfirst": "A transport workers’ federation halted most underground lines and about "
        "half of the city’s bus routes, saying wage offers have not kept pace with prices.",
        "dateline_place": "BUENOS AIRES",
        "time_zone": "America/Argentina/Buenos_Aires",
        "published": "2026-11-24T08:20:00",
        "authors": [("lucia-ferreyra", "Buenos Aires correspondent")],
        "tags": ["Labour", "Transport", "Strikes", "Cities"],
        "lead_image": {
            "key": "buenos-aires-strike",
            "title": "Morning over the city",
            "caption": "An illustration of the city at sunrise, as commuters found most "
            "underground lines closed on Tuesday.",
            "credit": "Tomás Riera",
            "copyright_holder": "Parley Wire",
            "copyright_year": 2026,
            "usage_terms": _STANDARD_TERMS,
        },
        "body": [
            (
                "paragraph",
                "<p>Most of the Buenos Aires underground network and about half of the city’s "
                "bus routes stood idle on Tuesday as a transport workers’ federation held a "
                "24-hour strike over stalled wage talks, leaving commuters to crowd onto the "
                "remaining services or walk.</p>",
            ),
            (
                "paragraph",
                "<p>The Federation of Urban Transport Workers, which represents drivers, "
                "station staff and maintenance crews across several operators, called the "
                "stoppage after negotiations with employers broke down last week. It says its "
                "members’ real wages have fallen by about 9 percent over the past year. Its "
                "demands include a cost-of-living clause that would reopen talks "
                "automatically if monthly inflation rises above an agreed level.</p>",
            ),
            (
                "quote",
                {
                    "text": "Nobody here wants to leave a nurse standing at a bus stop at six "
                    "in the morning. But we have put three proposals on the table and received "
                    "one answer, and it was no.",
                    "attribution": "Ramón Iturbe, secretary general, Federation of Urban "
                    "Transport Workers",
                },
            ),
            ("heading", "Long queues and shared taxis"),
            (
                "paragraph",
                "<p>By 7 a.m., queues for the few buses still running stretched around blocks "
                "near Constitución and Once, two of the city’s busiest interchanges. "
                "Ride-hailing prices jumped during the morning peak, and some commuters "
                "arranged shared taxis through neighbourhood messaging groups. Suburban rail "
                "lines, run by other operators, were largely unaffected but crowded.</p>",
            ),
            (
                "paragraph",
                "<p>Marisa Quiroga, a cleaner who travels from the southern suburbs to an "
                "office building in the centre, said her usual 50-minute journey had taken "
                "more than two hours. “I left home in the dark and I will get back in the "
                "dark,” she said. “I will be paid for a full day only because my supervisor "
                "is kind.”</p>",
            ),
            ("heading", "Employers propose mediation"),
            (
                "paragraph",
                "<p>The Chamber of Passenger Transport Operators, which represents the "
                "companies, said its latest offer, a 14 percent rise paid in two stages, was "
                "the most it could afford without higher fares or public subsidies. It asked "
                "the city’s labour office to appoint a mediator.</p>",
            ),
            (
                "quote",
                {
                    "text": "We respect the right to strike. We also answer to the three "
                    "million people who use these services every day, and that means an "
                    "agreement that does not collapse in six months.",
                    "attribution": "Silvia Paredes, executive director, Chamber of Passenger "
                    "Transport Operators",
                },
            ),
            (
                "paragraph",
                "<p>The labour office said it would bring both sides together on Thursday. The "
                "federation has warned it will call a 48-hour strike next week if no improved "
                "offer arrives by then. Shops in the city centre reported thin trade, and "
                "several schools shortened the day so that pupils could get home before "
                "dark.</p>",
            ),
            (
                "paragraph",
                '<p>A <a href="https://example.org/ba-transit-status">live service map</a> '
                "shows which lines are running.</p>",
            ),
        ],
        "update": None,
    },
    {
        "slug": "bengaluru-civic-election-count",
        "section": "world",
        "title": "Bengaluru civic election count runs into second day with wards on a knife-edge",
        "standfirst": "Counting resumed with 41 of 210 wards undeclared and the two largest "
        "groupings six seats apart, leaving control of the city council in the balance.",
        "dateline_place": "BENGALURU",
        "time_zone": "Asia/Kolkata",
        "published": "2026-11-27T11:40:00",
        "authors": [("priya-raman", "South Asia correspondent")],
        "tags": ["Elections", "Local government", "Cities", "Water"],
        "lead_image": {
            "key": "bengaluru-count",
            "title": "City under a bright sky",
            "caption": "An illustration of the city skyline under a bright morning sky, as "
            "counting resumed on Friday.",
            "credit": "Deepa Nair",
            "copyright_holder": "Parley Wire",
            "copyright_year": 2026,
            "usage_terms": _STANDARD_TERMS,
        },
        "body": [
            (
                "paragraph",
                "<p>Counting in Bengaluru’s municipal election resumed on Friday morning with "
                "41 of the city’s 210 wards still undeclared and the two largest groupings "
                "separated by six seats, leaving control of the city council in the "
                "balance.</p>",
            ),
            (
                "paragraph",
                "<p>The Civic Renewal Front, which campaigned on road repairs and flood "
                "drainage, had won 84 wards when officials paused overnight. The People’s Ward "
                "Alliance, which ran the outgoing council, had 78. Independents and smaller "
                "parties took the remaining seven declared so far. A majority requires 106 "
                "seats.</p>",
            ),
            (
                "paragraph",
                "<p>Neither grouping has ruled out seeking the support of independents, "
                "several of whom were elected on very local platforms, such as reopening a "
                "closed vegetable market or fixing a single stretch of storm drain. Leaders of "
                "both groupings spent Thursday night in meetings at party offices, and "
                "several independents said they had already received calls.</p>",
            ),
            (
                "quote",
                {
                    "text": "Every ward is a small country with its own complaints. Whoever "
                    "runs this city next will have to listen ward by ward, not only to the "
                    "people who voted for them.",
                    "attribution": "Shalini Iyengar, urban governance researcher, Centre for "
                    "Civic Data",
                },
            ),
            ("heading", "Recounts requested"),
            (
                "paragraph",
                "<p>Officials said recounts had been requested in nine wards where the margin "
                "was fewer than 150 votes. In one ward in the east of the city, the first "
                "count put the two leading candidates 11 votes apart out of more than 18,000 "
                "cast.</p>",
            ),
            (
                "paragraph",
                "<p>Turnout reached 54.3 percent, up from 44 percent at the previous municipal "
                "vote, the city’s election office said. Electronic machines were used at "
                "every polling station, and their paper trails were checked by hand against "
                "machine totals in five randomly chosen booths per ward. Observers from a "
                "citizens’ monitoring network said they had found no discrepancies in the "
                "booths they had followed so far.</p>",
            ),
            (
                "quote",
                {
                    "text": "We would rather be slow and right. Every recount requested within "
                    "the rules will be carried out, however long it takes.",
                    "attribution": "Anand Kulkarni, chief election officer, city election office",
                },
            ),
            ("heading", "Water and traffic dominated the campaign"),
            (
                "paragraph",
                "<p>The campaign was dominated by water shortages in outlying wards, traffic "
                "congestion and monsoon flooding in low-lying neighbourhoods. Both main "
                "groupings promised to publish ward-level budgets online, something voters’ "
                "associations have sought for years.</p>",
            ),
            (
                "paragraph",
                "<p>At a counting centre in the south of the city, party workers waited in the "
                "courtyard under umbrellas against the late-morning sun, cheering each "
                "result relayed from inside. A final tally is expected by Friday evening; "
                '<a href="https://example.org/bengaluru-results">ward-by-ward results</a> are '
                "published as they are declared.</p>",
            ),
        ],
        "update": None,
    },
    # ------------------------------------------------------------------ Culture
    {
        "slug": "museum-of-applied-glass-reopens",
        "section": "culture",
        "title": "Moscow’s Museum of Applied Glass reopens after six-year restoration",
        "standfirst": "The 19th-century merchant’s house that holds one of the country’s "
        "largest collections of decorative glass has reopened, with a conservation studio that "
        "visitors can watch through a glass wall.",
        "dateline_place": "MOSCOW",
        "time_zone": "Europe/Moscow",
        "published": "2026-11-21T12:00:00",
        "authors": [
            ("nadia-sokolova", "Culture correspondent"),
            ("tom-lind", "Additional reporting"),
        ],
        "tags": ["Museums", "Art", "Heritage", "Cities"],
        "lead_image": {
            "key": "glass-museum-hall",
            "title": "Light through glass",
            "caption": "An abstract illustration of coloured light passing through glass, "
            "inspired by the museum’s restored ballroom.",
            "credit": "Elena Markova",
            "copyright_holder": "Parley Wire",
            "copyright_year": 2026,
            "usage_terms": _STANDARD_TERMS,
        },
        "body": [
            (
                "paragraph",
                "<p>The Museum of Applied Glass reopened to the public in central Moscow on "
                "Saturday after a six-year restoration of the merchant’s house that has held "
                "its collection since 1958, with a queue forming along the street an hour "
                "before the doors opened.</p>",
            ),
            (
                "paragraph",
                "<p>The work replaced the roof and heating system, stabilised a cracked "
                "load-bearing wall and uncovered painted ceilings in three first-floor rooms "
                "that had been hidden under plaster since the 1930s. The project cost about "
                "1.9 billion roubles, according to the museum’s board of trustees. During the "
                "closure the collection was packed into more than 600 padded crates and "
                "stored in a climate-controlled warehouse on the edge of the city, where "
                "staff used the time to photograph and re-catalogue every object.</p>",
            ),
            ("heading", "A collection back on view"),
            (
                "paragraph",
                "<p>About 2,400 objects are on display, roughly a fifth of the collection. "
                "They range from 18th-century drinking glasses engraved with hunting scenes to "
                "a set of brightly coloured flasks made by a mid-century factory for school "
                "chemistry lessons. Labels are now written in plain language, and a new "
                "room on the top floor explains how glass is blown, cut and coloured, with "
                "short films made at working furnaces.</p>",
            ),
            (
                "quote",
                {
                    "text": "Glass is the most democratic material we have. The same furnace "
                    "made a nobleman’s goblet and a pharmacist’s bottle, and here they stand "
                    "side by side.",
                    "attribution": "Valentina Orlova, director, Museum of Applied Glass",
                },
            ),
            (
                "image",
                {
                    "key": "glass-museum-studio",
                    "title": "Studio light",
                    "caption": "An abstract illustration in cool tones. In the new ground-floor "
                    "studio, restorers clean and repair objects in full view of visitors.",
                    "credit": "Elena Markova",
                    "copyright_holder": "Parley Wire",
                    "copyright_year": 2026,
                    "usage_terms": _STANDARD_TERMS,
                },
            ),
            (
                "paragraph",
                "<p>The most talked-about addition is the conservation studio on the ground "
                "floor, separated from the galleries by a glass partition. Visitors can watch "
                "restorers cleaning, repairing and photographing objects, while a screen "
                "beside the partition explains each day’s work.</p>",
            ),
            (
                "paragraph",
                "<p>Conservators spent much of the closure on a single object: a chandelier "
                "with more than 1,100 cut-glass drops, each of which was removed, numbered, "
                "washed and rehung. It now hangs in the restored ballroom, lit for the first "
                "time by low-heat lamps.</p>",
            ),
            ("heading", "Free entry once a month"),
            (
                "paragraph",
                "<p>Entry will be free on the first Sunday of each month, and the museum plans "
                'late openings on Thursdays from January. Schools can book <a href="https://'
                'example.org/glass-museum-workshops">guided workshops</a> in which pupils '
                "handle replicas made by students at a local glassblowing college.</p>",
            ),
            (
                "paragraph",
                "<p>Among the first visitors was Arkady Belov, a retired engineer who said he "
                "had last been inside the building on a school trip. “I remembered the "
                "chandelier as enormous,” he said. “It turns out it really is "
                "enormous.” The museum said it had sold out its timed tickets for the first "
                "two weekends.</p>",
            ),
        ],
        "update": None,
    },
    # ------------------------------------------------------------------ Sport
    {
        "slug": "harbour-city-win-first-title-on-penalties",
        "section": "sport",
        "title": "Harbour City win first league title on penalties after goalless final",
        "standfirst": "Goalkeeper Jess Moreno made two saves in the shootout as the newly "
        "promoted side beat champions Lakeshore United in front of a record crowd on the "
        "Brooklyn waterfront.",
        "dateline_place": "NEW YORK",
        "time_zone": "America/New_York",
        "published": "2026-11-26T22:45:00",
        "authors": [("daniel-osei", "Sports writer")],
        "tags": ["Football", "Women’s sport", "Finals"],
        "lead_image": {
            "key": "harbour-city-final",
            "title": "Waterfront at night",
            "caption": "An illustration of the waterfront at night, where a record crowd "
            "watched Thursday’s final.",
            "credit": "Andre Whitfield",
            "copyright_holder": "Parley Wire",
            "copyright_year": 2026,
            "usage_terms": _STANDARD_TERMS,
        },
        "body": [
            (
                "paragraph",
                "<p>Harbour City FC won the Eastern Seaboard Women’s League title for the "
                "first time on Thursday night, beating Lakeshore United 4-2 on penalties after "
                "a goalless final in front of a record crowd of 21,380 on the Brooklyn "
                "waterfront.</p>",
            ),
            (
                "paragraph",
                "<p>Goalkeeper Jess Moreno saved the second and fourth kicks of the shootout, "
                "diving low to her left both times, before captain Aisha Grant scored the "
                "winning penalty. It capped a rapid rise for a club that was playing in the "
                "second tier eighteen months ago. Harbour City finished fourth in the regular "
                "season and had to win two knockout rounds away from home to reach the "
                "final.</p>",
            ),
            (
                "quote",
                {
                    "text": "I watched their penalties on video until two in the morning. Then "
                    "I threw the notes away, because in the end you just have to trust your "
                    "legs.",
                    "attribution": "Jess Moreno, Harbour City FC goalkeeper",
                },
            ),
            ("heading", "A tense, scrappy final"),
            (
                "paragraph",
                "<p>The match produced few clear chances. Lakeshore, the defending champions, "
                "controlled possession in the first half and hit the crossbar through forward "
                "Noor Bakr in the 38th minute. Harbour City grew into the game after the "
                "break, but their best opening, a header from defender Tess Vandermeer, was "
                "cleared off the line in stoppage time.</p>",
            ),
            (
                "paragraph",
                "<p>Extra time brought tired legs and cautious tactics. Neither coach made a "
                "change until the 112th minute, when both sent on specialist penalty "
                "takers. Both substitutes scored. Lakeshore’s two misses came from players "
                "who had been on the pitch for all 120 minutes, a point their coach said "
                "would be discussed at length in the off-season.</p>",
            ),
            (
                "embed",
                {
                    "url": "https://www.youtube.com/watch?v=Hc8vN3tYp1K",
                    "title": "Highlights and the full penalty shootout from the final",
                    "provider": "YouTube",
                },
            ),
            ("heading", "A record crowd on a holiday night"),
            (
                "paragraph",
                "<p>The attendance, on a Thanksgiving night with temperatures close to "
                "freezing, beat the league record by more than 4,000. Supporters’ groups ran "
                "free ferry shuttles from Manhattan, and many fans arrived straight from "
                "family dinners, some still carrying foil-wrapped leftovers.</p>",
            ),
            (
                "quote",
                {
                    "text": "Two years ago we were selling tickets to our parents. Tonight I "
                    "couldn’t find my own parents in the stands.",
                    "attribution": "Rosa Delgado, Harbour City FC head coach",
                },
            ),
            (
                "paragraph",
                "<p>Lakeshore’s coach, Mark Heller, said his side had “done almost everything "
                "except score” and congratulated the winners. The two teams meet again in the "
                "opening round of the new season in March. Moreno, who joined Harbour City "
                "from a college team two years ago, was named player of the match.</p>",
            ),
            (
                "paragraph",
                "<p>Harbour City will parade the trophy along the waterfront on Saturday "
                'afternoon; the club has <a href="https://example.org/harbour-city-parade">'
                "published the route</a>.</p>",
            ),
        ],
        "update": None,
    },
]

COMMUNITY_STANDARDS = {
    "title": "Community standards",
    "intro": "Parley’s comment sections are a place to argue about the news, not about each "
    "other. These standards explain what we expect from everyone who takes part, how "
    "moderation works and what you can do if you think we got a decision wrong.",
    "body": [
        ("heading", "Why we have standards"),
        (
            "paragraph",
            "<p>Good comments add something to a story: a correction, a first-hand account, a "
            "question our reporters missed, or a well-argued disagreement. We want a space "
            "where people with very different views can read each other without bracing for "
            "insults. These standards apply to every comment, reply and profile name on the "
            "site.</p>",
        ),
        ("heading", "Be civil"),
        (
            "paragraph",
            "<p>Criticise ideas, arguments and reporting as sharply as you like, but treat the "
            "people you are talking to with basic respect. Assume good faith until you have a "
            "clear reason not to. Sarcasm is fine; sustained mockery of another commenter is "
            "not.</p>",
        ),
        ("heading", "No personal attacks"),
        (
            "paragraph",
            "<p>Do not insult, threaten, belittle or harass other commenters, our journalists "
            "or the people in our stories. That includes name-calling, speculation about "
            "someone’s private life and repeatedly following a person from thread to "
            "thread.</p>",
        ),
        ("heading", "No hate"),
        (
            "paragraph",
            "<p>We remove comments that attack or demean people because of their ethnicity, "
            "nationality, religion, gender, sexual orientation, disability or age. Slurs, "
            "dehumanising language and coded references to them are not allowed, even when "
            "presented as a joke or a quotation.</p>",
        ),
        ("heading", "Stay on topic"),
        (
            "paragraph",
            "<p>Keep comments relevant to the article you are reading. A story about water "
            "rationing is not the place to relitigate an unrelated election. Off-topic "
            "threads make it harder for readers to find useful discussion, so moderators may "
            "remove them.</p>",
        ),
        ("heading", "No spam or self-promotion"),
        (
            "paragraph",
            "<p>Do not post advertising, repeated links to your own site or channel, chain "
            "messages or the same comment on several articles. Links are welcome when they "
            "support a point you are making.</p>",
        ),
        ("heading", "Protect people’s privacy"),
        (
            "paragraph",
            "<p>Never post someone else’s home address, phone number, email address, "
            "workplace details or other personal information, and do not encourage others to "
            "find it. This applies to public figures as well as private individuals. Doxxing "
            "leads to an immediate ban.</p>",
        ),
        ("heading", "How moderation works"),
        (
            "paragraph",
            "<p>Some comments are <b>held</b> for review before they appear, for example when "
            "they contain links, come from a new account or have been flagged by our "
            "filters. A moderator will then approve or reject them, usually within a few "
            "hours.</p>",
        ),
        (
            "paragraph",
            "<p>If a comment is <b>rejected</b>, you will see the reason on your own comment, "
            "such as “personal attack” or “off topic”, so you know which standard it "
            "broke. Repeated or serious breaches can lead to a temporary <b>suspension</b> of "
            "commenting rights or, for the most serious cases, a permanent <b>ban</b>. We "
            "tell you how long a suspension lasts.</p>",
        ),
        ("heading", "Appeals"),
        (
            "paragraph",
            "<p>Moderators are human and sometimes get it wrong. If you think a decision was "
            'mistaken, email <a href="mailto:standards@parley.example">'
            "standards@parley.example</a> with a link to the comment and a short explanation. "
            "A different member of the team will review the decision and reply, normally "
            "within five working days.</p>",
        ),
        ("heading", "Reporting a comment"),
        (
            "paragraph",
            "<p>If you see a comment that breaks these standards, use the <b>Report</b> link "
            "beneath it and choose the reason that fits best. Reports are anonymous: the "
            "person you report is not told who flagged them. Please report rather than "
            "reply; arguing with a troll only gives it a larger audience.</p>",
        ),
    ],
}
