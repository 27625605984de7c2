"""Demo reader discussions for the Parley newsroom demo articles.

Everything here is original writing: the readers are fictional, and their comments respond to
the fictional wire stories in :mod:`parley.newsroom.demo.content`. The module is plain Python
(no Django imports) so a management command, a fixture builder or a test can load it directly.

Conventions:

* ``READERS`` lists the demo accounts. Usernames are lowercase ``[a-z0-9_]``, 3-20 characters.
* ``THREADS`` maps every demo article slug to a list of top-level comments. Each comment is a
  dict ``{"by", "minutes_after", "body", "likes", "replies"}`` where ``replies`` is a list of
  comments of the same shape. ``minutes_after`` counts minutes from the article's publication
  and always grows along a reply chain. ``body`` is Markdown. A reader never replies directly
  to their own comment.
* :func:`long_thread` deterministically builds a flat list of 1,000+ comments for load and
  pagination demos.
"""

import random

READERS = [
    {"username": "lianasammartino", "display_name": "lianasammartino"},
    {"username": "vendor", "display_name": "vendor"},
    {"username": "ivanwa88", "display_name": "ivanwa88"},
    {"username": "marguerite_o", "display_name": "Marguerite O."},
    {"username": "kofi_reads", "display_name": "Kofi A."},
    {"username": "tessellate", "display_name": "tessellate"},
    {"username": "bertholdk", "display_name": "Berthold K."},
    {"username": "junebug42", "display_name": "junebug42"},
    {"username": "hamid_r", "display_name": "Hamid R."},
    {"username": "pcastellanos", "display_name": "P. Castellanos"},
    {"username": "nightowl_sk", "display_name": "nightowl"},
    {"username": "ada_vance", "display_name": "Ada V."},
    {"username": "rowanfield", "display_name": "rowanfield"},
    {"username": "deskeditor_ret", "display_name": "Old Desk Editor"},
    {"username": "sunita_v", "display_name": "Sunita V."},
    {"username": "subte_rider", "display_name": "subte_rider"},
]


def _c(by: str, minutes_after: int, likes: int, body: str, *replies: dict) -> dict:
    """One comment dict; positional ``replies`` keep the tree below readable."""
    return {
        "by": by,
        "minutes_after": minutes_after,
        "body": body,
        "likes": likes,
        "replies": list(replies),
    }


THREADS = {
    # ------------------------------------------------------------------ Geneva (richest)
    "ceasefire-talks-resume-in-geneva": [
        _c(
            "hamid_r",
            9,
            18,
            "Four kilometres sounds small on a map. On the ground in that valley it is the "
            "difference between a village being on one side of the line or the other. I hope "
            "the mediators keep that in mind.",
            _c(
                "ada_vance",
                24,
                9,
                "Fair, but at some point somebody has to draw the line somewhere. Arguing over "
                "four km is still better than arguing over whether there should be a line at all.",
                _c(
                    "hamid_r",
                    31,
                    11,
                    "Agreed, I'm not saying don't draw it. I'm saying the villages on it should "
                    "get a say *before* it's final, not after.",
                    _c(
                        "pcastellanos",
                        47,
                        6,
                        "The article doesn't say whether residents are being consulted at all. "
                        "That would be a good follow-up question for the Geneva desk.",
                    ),
                ),
            ),
            _c(
                "rowanfield",
                40,
                4,
                "Thank you for putting it that way. Easy to forget there are homes under those "
                "lines.",
            ),
        ),
        # The deep chain: top-level plus eight nested replies between four readers.
        _c(
            "lianasammartino",
            15,
            27,
            "> For the first time, we are arguing about kilometres rather than principles.\n\n"
            "The mediator's line is doing a lot of work here. Arguing about kilometres means both "
            "sides have quietly accepted there will *be* a corridor. That's not nothing.",
            _c(
                "vendor",
                22,
                8,
                "Or it means both sides want to look reasonable in Geneva while nothing changes "
                "on the ground.",
                _c(
                    "lianasammartino",
                    35,
                    14,
                    "Possible. But looking reasonable has a cost too: once you've tabled a map, "
                    "you can't easily go back to claiming the whole valley.",
                    _c(
                        "ivanwa88",
                        52,
                        7,
                        "Small correction for the thread: the gap is *less than* four km at its "
                        "widest point, so in most places it's narrower. Doesn't change the "
                        "argument much.",
                        _c(
                            "lianasammartino",
                            61,
                            3,
                            "Fair correction, thanks. Which arguably makes my point stronger?",
                            _c(
                                "vendor",
                                74,
                                10,
                                "It makes the maps closer. Whether it makes the people holding "
                                "them closer is a different question.",
                                _c(
                                    "marguerite_o",
                                    96,
                                    6,
                                    "If I may: in my experience of reading about such processes, "
                                    "the maps usually converge long before the politics do. The "
                                    "detainee question in the second half of the piece seems to "
                                    "me the real test.",
                                    _c(
                                        "lianasammartino",
                                        118,
                                        5,
                                        "Agreed, Marguerite. Thirty days of truce before any "
                                        "releases is a long time to ask families to wait.",
                                        _c(
                                            "vendor",
                                            131,
                                            9,
                                            "Thirty days is also how long it takes to find out "
                                            "whether a truce is real. Both positions make sense "
                                            "from where they sit. That's the problem.",
                                        ),
                                    ),
                                ),
                            ),
                        ),
                    ),
                ),
            ),
        ),
        _c(
            "deskeditor_ret",
            28,
            12,
            "Credit where due: a clear piece that tells me what was agreed, what wasn't, and "
            'when the next session is. More of this, fewer "tensions remain high" headlines.',
            _c(
                "junebug42",
                44,
                21,
                '"Tensions remain high" is the "partly cloudy" of foreign news.',
                _c(
                    "deskeditor_ret",
                    58,
                    7,
                    "I'm stealing that for my next letter to the editor.",
                ),
            ),
        ),
        _c(
            "kofi_reads",
            33,
            8,
            "Genuine question: who staffs the neutral observer mission? The piece mentions "
            "monitors riding in the lead vehicle but not which organisation they come from.",
            _c(
                "pcastellanos",
                50,
                10,
                "I don't think that has been announced yet. This background note on how observer "
                "missions are usually put together is worth a read: "
                "https://example.org/observer-missions-explained",
                _c(
                    "kofi_reads",
                    66,
                    2,
                    "Thanks, that's helpful. So it depends on who both sides will accept, which "
                    "is its own negotiation.",
                ),
            ),
            _c(
                "bertholdk",
                81,
                6,
                "In my country we had such monitors on a border many years ago. The important "
                "thing was not who they were, but that both sides got the same report on the same "
                "day. The weekly report in the draft is a good sign, I find.",
            ),
        ),
        _c(
            "tessellate",
            70,
            19,
            "the aid corridor bit is the only part i actually care about right now. flour and "
            "fuel running out before the end of december is a deadline nobody in a conference "
            "room can negotiate with",
            _c(
                "rowanfield",
                88,
                5,
                "Same. Everything else can take weeks. That can't.",
            ),
            _c(
                "ada_vance",
                102,
                7,
                "I understand the feeling, but the corridor only works if the wider talks don't "
                "collapse. The convoys rely on the same people keeping the same promises.",
                _c(
                    "tessellate",
                    115,
                    4,
                    "sure, but you can sign the corridor part without solving the prisoners part. "
                    "which is kind of what they seem to be doing",
                ),
            ),
        ),
        _c(
            "nightowl_sk",
            231,
            15,
            "The update says they've signed the corridor protocol and the first convoy of 40 "
            "trucks leaves on Monday. Didn't expect that today.",
            _c(
                "tessellate",
                240,
                9,
                "oh that's actually good news. 40 trucks for 140,000 people still sounds thin "
                "though",
                _c(
                    "ivanwa88",
                    262,
                    13,
                    "Rough numbers: a truck carries maybe 20 tonnes. If it's mostly flour, 40 "
                    "trucks is about 800 tonnes, which is roughly two weeks of bread for that many "
                    "people. Thin, but not nothing, and it's only the first convoy.",
                    _c(
                        "pcastellanos",
                        290,
                        6,
                        "Worth flagging that those are ivanwa88's estimates, not the article's. "
                        "The piece gives the number of trucks, not the loads.",
                        _c(
                            "ivanwa88",
                            301,
                            4,
                            "Yes, back-of-envelope only. Happy to be corrected by anyone who has "
                            "actually loaded one.",
                        ),
                    ),
                ),
            ),
        ),
        _c(
            "junebug42",
            248,
            16,
            "Negotiators staying over the weekend in Geneva. Somewhere a hotel manager is also "
            "cautiously optimistic.",
            _c("vendor", 259, 6, "Fondue diplomacy."),
        ),
        _c(
            "bertholdk",
            305,
            5,
            "Eventually the consolidated draft next week will show if the prisoner question can "
            "be parked for later. I am not so optimistic, but the actual mood sounds better than "
            "three weeks ago.",
            _c(
                "marguerite_o",
                340,
                8,
                'A small note, offered kindly: I think you mean "possibly" rather than '
                '"eventually", and "current" rather than "actual". I agree with you entirely on '
                "the substance.",
                _c(
                    "bertholdk",
                    362,
                    11,
                    "Ah, the false friends again! Thank you. Yes, possibly and current. My English "
                    "teacher would be disappointed.",
                ),
            ),
        ),
        _c(
            "ada_vance",
            420,
            9,
            'Unpopular take: "a mandate to sign" and "not yet ready for anyone\'s signature" in '
            "the same breath is a negotiator keeping every option open. I wouldn't read much "
            "into either half.",
            _c(
                "hamid_r",
                455,
                7,
                "That is exactly how it reads from here too. But the corridor protocol was signed "
                "the same afternoon, so the mandate is at least partly real.\n\n"
                "My family comes from a town near the upper valley, and what people there talk "
                "about is not the maps or the detainee numbers. It is whether the road to the "
                "market will be open on Tuesday, and whether the trucks will still come in "
                "January when the cameras have gone home. If the weekly observer report is "
                "honest and boring, that will matter more to them than any speech in Geneva.",
            ),
        ),
        _c(
            "rowanfield",
            610,
            11,
            "Thinking of the 60,000 people displaced since the spring. I hope the first convoy "
            "gets through without trouble.",
        ),
    ],
    # ------------------------------------------------------------------ Beirut
    "beirut-extends-water-rationing": [
        _c(
            "hamid_r",
            18,
            14,
            "Our zone has been on five days since August and it was already hard to keep the "
            "tank full. Three days will mean a tanker delivery twice a week at least.",
            _c(
                "rowanfield",
                35,
                3,
                "That sounds exhausting. Is there any help for older residents who can't haul "
                "water up the stairs?",
                _c(
                    "hamid_r",
                    52,
                    12,
                    "Mostly neighbours. In our building the young ones carry for the old ones, and "
                    "the old ones supervise. Everyone has a job.",
                ),
            ),
        ),
        _c(
            "ivanwa88",
            26,
            22,
            "> about a third of the water entering the network is lost to leaks\n\n"
            "This is the real headline. Fix the pipes and a three-day rota becomes a much "
            "better rota without a single extra drop of rain.",
            _c(
                "ada_vance",
                49,
                6,
                "In theory. In practice, replacing pipe under a dense city takes years; the "
                "article says 2028. Rationing is what you do in the meantime.",
                _c(
                    "ivanwa88",
                    67,
                    8,
                    "Both, obviously. My point is that the leak programme deserves the same "
                    "urgency as the rota.",
                ),
            ),
            _c(
                "pcastellanos",
                90,
                5,
                "For context, losses on that scale aren't unusual in older networks. Leak repair "
                "tends to be the least glamorous budget line until a drought makes it urgent.",
            ),
        ),
        _c(
            "tessellate",
            41,
            9,
            "the pharmacist saying everyone on her street has become a plumber is so real. we "
            "washed dishes in a basin all summer",
            _c(
                "junebug42",
                58,
                11,
                "Half my street can now tell you the pressure rating of their pump. Nobody asked. "
                "They will tell you anyway.",
            ),
            _c(
                "hamid_r",
                70,
                4,
                "If you have a rooftop tank, clean it before the rains come. This guide is simple "
                "and sensible: [rooftop tank care](https://example.org/rooftop-tank-care)",
            ),
        ),
        _c(
            "kofi_reads",
            75,
            7,
            "How does a ceiling price for tanker water work if demand has doubled? Won't "
            "deliveries simply stop going to the neighbourhoods furthest away?",
            _c(
                "marguerite_o",
                110,
                5,
                "That is precisely the concern the drivers' representatives raise in the piece. A "
                "ceiling that varies with distance, rather than a single flat price, might go "
                "some way to answering it.",
                _c(
                    "kofi_reads",
                    132,
                    2,
                    "A distance-based cap makes sense. Whether it's enforceable is another matter.",
                ),
            ),
            _c(
                "bertholdk",
                160,
                6,
                "Also the quality inspections are important. Cheap water from a dirty truck is "
                "not cheap at the end.",
            ),
        ),
        _c(
            "nightowl_sk",
            300,
            4,
            "The second week of December is a long wait when the reservoirs are at 26 percent. "
            "Fingers crossed the rain turns up early.",
        ),
        _c(
            "deskeditor_ret",
            480,
            3,
            "Useful that the piece links the actual zone timetable. I'd have liked a line on how "
            "the text-message service works for people without smartphones.",
            _c(
                "hamid_r",
                520,
                5,
                "It's a plain SMS: you send your zone number and it replies with your supply "
                "days. Works on any phone. Took me a minute to figure out.",
            ),
        ),
    ],
    # ------------------------------------------------------------------ Izu reef
    "deep-coral-reef-found-off-izu-islands": [
        _c(
            "nightowl_sk",
            7,
            19,
            "What a moment that must have been in the control room: the camera comes over a "
            "ridge and the whole slope is *white*.",
            _c(
                "junebug42",
                20,
                14,
                "Meanwhile my phone camera can't focus on a cat two metres away.",
                _c("nightowl_sk", 34, 17, "In fairness, the coral holds still."),
            ),
        ),
        _c(
            "ada_vance",
            26,
            12,
            "Four thousand years to build, and they're already finding trawl marks on the next "
            "slope. The protection review can't come soon enough.",
            _c(
                "pcastellanos",
                44,
                9,
                "Small clarification: the trawl marks were on a *neighbouring* slope, and the "
                "article says no commercial fishing has been recorded at that depth in the area. "
                "Worth being precise, because the fishing industry will be.",
                _c(
                    "ada_vance",
                    61,
                    4,
                    'Fair. "Already finding" was me getting ahead of the evidence.',
                ),
            ),
        ),
        _c(
            "bertholdk",
            39,
            8,
            "I did not know coral can live without sunlight at all. I thought always it needs "
            "the light for the algae. Very interesting article.",
            _c(
                "ivanwa88",
                55,
                6,
                "Same surprise here. The cold-water kinds catch food particles drifting past in "
                "the current instead, so darkness doesn't matter as long as the food keeps "
                "coming.",
                _c(
                    "bertholdk",
                    78,
                    5,
                    "So it is more like a fishing net than a plant. Good, now I understand.",
                ),
            ),
        ),
        _c(
            "tessellate",
            95,
            13,
            "three species possibly new to science and one of them is a small pink fish. the "
            "pink fish needs a good name",
            _c("rowanfield", 130, 3, "Seconded. Something dignified."),
        ),
        _c(
            "marguerite_o",
            220,
            7,
            "I was glad to read that the survey data have been made publicly available. Too "
            "often such discoveries sit out of reach for years, and by the time anyone else can "
            "examine them the policy decisions have already been taken. I would add one thing: "
            "the plan to photograph the site once an hour for a whole year strikes me as the "
            "most valuable part of the next expedition. We tend to celebrate the moment of "
            "discovery, but it is the patient, unglamorous record-keeping afterwards that tells "
            "us whether a place like this is thriving or quietly declining.",
        ),
        _c(
            "kofi_reads",
            400,
            2,
            'Does "considered for protection" mean anything binding, or is it only a '
            "recommendation to the review?",
            _c(
                "pcastellanos",
                430,
                3,
                "From the piece, it's a recommendation from the authors. The decision sits with "
                "next year's review of the national marine conservation plan.",
            ),
        ),
    ],
    # ------------------------------------------------------------------ Radio telescope
    "radio-telescope-traces-slow-signal": [
        _c(
            "nightowl_sk",
            5,
            24,
            "Up at 2am reading about a star that takes 71 minutes to turn around. We have a lot "
            "in common.",
            _c("junebug42", 17, 8, "One rotation per coffee break. Relatable."),
        ),
        _c(
            "ivanwa88",
            14,
            18,
            "> maybe a faulty pump on a farm\n\n"
            "Every radio astronomer seems to have a story like this. Good on them for spending "
            "six months trying to kill their own result before publishing it.",
            _c(
                "deskeditor_ret",
                38,
                7,
                "That line was the best thing in the piece. Science reporting should show the "
                "doubting, not only the discovery.",
            ),
        ),
        _c(
            "ada_vance",
            29,
            9,
            "Genuinely asking: how sure can they be that it's a neutron star and not a white "
            "dwarf? The article says the pulses are too sharp, but that sounds like a judgement "
            "call.",
            _c(
                "nightowl_sk",
                45,
                15,
                "As I understand it, it's several things together. The pulses are very sharp and "
                "strongly polarised, and the timing has stayed steady to a fraction of a second "
                "for the whole 19 months. A white dwarf is a much bigger object, and bigger "
                "objects tend to give smeared-out pulses. So less a judgement call than the "
                "least-bad fit, until the X-ray data come in.",
                _c(
                    "ada_vance",
                    70,
                    6,
                    "That's a clearer explanation than I expected at this hour. Thank you.",
                    _c(
                        "nightowl_sk",
                        84,
                        5,
                        "This hour is when I'm at my best, apparently.",
                    ),
                ),
            ),
        ),
        _c(
            "marguerite_o",
            120,
            11,
            "I appreciate that the team released their software as open source. It means other "
            "observatories can test the result for themselves, which is how it ought to be.",
            _c(
                "bertholdk",
                190,
                10,
                "Yes, and maybe they find more of these in old data that nobody looked at. Like "
                "finding money in a winter jacket.",
            ),
        ),
        _c(
            "tessellate",
            260,
            12,
            '"a small embarrassment for the textbooks" is my new bio',
        ),
        _c(
            "kofi_reads",
            600,
            3,
            "When is the X-ray observation? I'd love a follow-up once they know the strength of "
            "the magnetic field.",
            _c(
                "pcastellanos",
                640,
                2,
                'Only "next year" so far, according to the piece. I\'d guess it depends on '
                "telescope time being approved.",
            ),
        ),
    ],
    # ------------------------------------------------------------------ Central bank
    "union-reserve-bank-holds-rate": [
        _c(
            "kofi_reads",
            11,
            16,
            "Two dissents in favour of a cut is the real story, the first since they started "
            "publishing the votes. February looks very live.",
            _c(
                "ada_vance",
                30,
                6,
                "Two out of nine isn't a majority, though. A hold with a dovish minority is still "
                "a hold.",
                _c(
                    "kofi_reads",
                    42,
                    9,
                    "Agreed, it's a hold. But committees rarely go from zero dissent to a cut in "
                    "one step. This is the step.",
                ),
            ),
        ),
        _c(
            "ivanwa88",
            19,
            13,
            "Correction to some of the chatter elsewhere: headline inflation is 6.1%, which is "
            "*just above* the 3-6% target band, not inside it. Core is 5.4%.",
            _c(
                "marguerite_o",
                48,
                7,
                'Thank you for that. The headline says food prices "ease", which is true, but the '
                "figure is still outside the range, and that seems to be the governor's whole "
                "point.",
            ),
        ),
        _c(
            "tessellate",
            36,
            14,
            '"predictable money" from the manufacturers\' economist is the most sensible thing '
            "anyone has said about interest rates in a long time",
            _c(
                "bertholdk",
                72,
                8,
                "I agree. A small company can plan with 9 percent if it stays 9 percent. It "
                "cannot plan if it is 9 and then maybe 11.",
            ),
        ),
        _c(
            "junebug42",
            55,
            10,
            'Governor: "close is not the same as there." Also me, every time I\'m on the '
            "motorway looking for the exit.",
        ),
        _c(
            "pcastellanos",
            140,
            3,
            "For anyone who wants more than the summary: the governor's news conference is "
            "embedded in the piece, and the full policy statement and minutes are due in two "
            "weeks.",
        ),
        _c(
            "ada_vance",
            300,
            8,
            "The bit about banks moving funds into government bonds deserves its own article. "
            "If lending to small traders is drying up, a rate cut alone might not fix that.",
            _c(
                "kofi_reads",
                335,
                5,
                "Good point. Cheaper money doesn't help much if the banks won't lend it to you "
                "anyway.",
            ),
        ),
    ],
    # ------------------------------------------------------------------ App store rankings
    "regulator-orders-app-stores-to-explain-rankings": [
        _c(
            "ivanwa88",
            8,
            11,
            '"They require them to say how they rank" is exactly right. Nobody is asking for the '
            "source code, just the rough recipe.",
            _c(
                "ada_vance",
                22,
                9,
                "The operators' point about handing spammers a manual isn't nothing, though. The "
                "more precise the disclosure, the easier it is to game.",
                _c(
                    "ivanwa88",
                    37,
                    12,
                    'Sure, but "downloads, ratings, relevance" is hardly a secret. The useful part '
                    "is the fifteen days' notice before significant changes.",
                    _c(
                        "lianasammartino",
                        64,
                        7,
                        "That's the part that would have saved the developer in the article. She "
                        "didn't need the algorithm, only a warning.",
                    ),
                ),
            ),
        ),
        _c(
            "tessellate",
            25,
            16,
            "the kitchen line from the language app developer. perfect quote, no notes",
            _c(
                "junebug42",
                47,
                9,
                "Not the recipe, just a note on the door saying there's a new chef.",
            ),
        ),
        _c(
            "bertholdk",
            50,
            5,
            "Is this only for South Korea or will also other countries do the same? For small "
            "developers it is the same problem everywhere.",
            _c(
                "pcastellanos",
                80,
                4,
                "The article is only about the Korean rules. Other regulators have looked at "
                "similar questions, but nothing in the piece suggests a coordinated move.",
            ),
        ),
        _c(
            "kofi_reads",
            110,
            8,
            "3 percent of domestic revenue sounds meaningful until you ask how big domestic "
            "revenue is compared with global. Would be good to know.",
            _c(
                "vendor",
                140,
                5,
                "It doubles for repeat offenders. That's the bit they'll notice.",
            ),
        ),
        _c(
            "marguerite_o",
            260,
            10,
            "As a user rather than a developer, I simply want to know which results have been "
            "paid for. A label that is visible without scrolling is a small rule with a large "
            "effect.",
        ),
        _c(
            "deskeditor_ret",
            500,
            3,
            "The consultation runs until the end of January. Worth a follow-up on what the "
            "industry lobbies for in the detailed guidance.",
        ),
    ],
    # ------------------------------------------------------------------ Buenos Aires strike
    "buenos-aires-transport-strike": [
        _c(
            "subte_rider",
            6,
            21,
            "Walked from Once to the centre this morning. Forty minutes, and I was one of the "
            "lucky ones. The queue at Constitución was unbelievable.",
            _c(
                "rowanfield",
                19,
                4,
                "Hope you had comfortable shoes. Safe journey home tonight.",
                _c(
                    "subte_rider",
                    31,
                    6,
                    "Trainers, always trainers in this city. Thank you!",
                ),
            ),
        ),
        _c(
            "ada_vance",
            15,
            14,
            "I have sympathy for the workers, but the people hit hardest by a transport strike "
            "are exactly the people the union says it is defending. The cleaner in the article "
            "is the perfect example.",
            _c(
                "lianasammartino",
                33,
                17,
                "That tension is real, but she also says she'll be paid for the day only because "
                "her supervisor is kind. That's a story about wages too, just not the drivers' "
                "wages.",
                _c("ada_vance", 52, 5, "Fair. Same problem, seen from two sides."),
            ),
            _c(
                "subte_rider",
                66,
                9,
                "Most people I talked to on the walk were annoyed *and* sympathetic. Both at "
                "once. Prices have gone up for all of us.",
            ),
        ),
        _c(
            "kofi_reads",
            24,
            6,
            "The cost-of-living clause is the interesting demand: talks reopen automatically if "
            "monthly inflation passes a threshold. Has anyone tried that for transport workers?",
            _c(
                "pcastellanos",
                58,
                8,
                "Clauses like that show up in collective agreements in plenty of sectors. The "
                "fight is always over where to set the trigger, and the article doesn't say "
                "what level the federation wants.",
            ),
        ),
        _c(
            "junebug42",
            45,
            12,
            "Ride-hailing prices jumping during the morning peak. One sector is having a great "
            "Tuesday.",
        ),
        _c(
            "bertholdk",
            90,
            7,
            "14 percent in two stages against 9 percent loss of real wage, on paper this is not "
            "so far apart? Maybe I miss something.",
            _c(
                "ivanwa88",
                118,
                10,
                "The catch is probably inflation between the two stages. If prices keep rising, "
                "the second half is worth less by the time it's paid. Hence the clause they "
                "want.",
                _c(
                    "bertholdk",
                    140,
                    3,
                    "Ah, yes. Then the clause makes sense. Thank you.",
                ),
            ),
        ),
        _c(
            "deskeditor_ret",
            300,
            2,
            "Good to see the live service map linked at the end. Practical information belongs "
            "in the story, not on a separate page nobody finds.",
        ),
        _c(
            "marguerite_o",
            410,
            5,
            "If no better offer arrives by Thursday, a 48-hour strike next week would be far "
            "harder on everyone. I hope the mediator is appointed quickly.",
        ),
    ],
    # ------------------------------------------------------------------ Bengaluru count
    "bengaluru-civic-election-count": [
        _c(
            "sunita_v",
            10,
            23,
            "Our ward is one of the nine recounts. The whole lane is refreshing the results page "
            "like it's a cricket score.",
            _c("junebug42", 26, 9, "Which it basically is. With more umbrellas."),
            _c(
                "rowanfield",
                38,
                3,
                "Good luck to your ward, whichever way it goes!",
                _c(
                    "sunita_v",
                    55,
                    12,
                    "Thank you! At this point I mostly want the storm drain fixed, whoever "
                    "does it.",
                ),
            ),
        ),
        _c(
            "ivanwa88",
            17,
            11,
            "11 votes out of more than 18,000 cast. That's well under 0.1%. A recount is "
            "absolutely justified.",
            _c(
                "ada_vance",
                34,
                19,
                "And a useful reminder to everyone who says their vote doesn't matter.",
            ),
        ),
        _c(
            "marguerite_o",
            44,
            8,
            "> Whoever runs this city next will have to listen ward by ward\n\n"
            "A sensible observation. With independents elected on a single market or a single "
            "drain, the next council will govern through a great many small bargains.",
            _c(
                "kofi_reads",
                63,
                6,
                "Which isn't necessarily bad. Local promises are at least easy to check.",
                _c(
                    "sunita_v",
                    85,
                    14,
                    "Very easy. We will be checking that drain every monsoon.",
                ),
            ),
        ),
        _c(
            "deskeditor_ret",
            120,
            7,
            "Turnout up more than ten points, to 54.3 percent, is a story in itself and deserves "
            "more than one line.",
            _c(
                "pcastellanos",
                150,
                8,
                "Agreed. Also worth noting the hand checks of paper trails against machine totals "
                "in five booths per ward. That's the detail that makes the result trustworthy.",
            ),
        ),
        _c(
            "tessellate",
            200,
            15,
            "both sides promising ward-level budgets online. screenshotting this for later",
        ),
        _c(
            "bertholdk",
            380,
            4,
            "Majority is 106, the Front has 84 and 41 wards are open. Mathematically both sides "
            "can still make it, yes? Exciting for an evening.",
            _c(
                "ivanwa88",
                405,
                6,
                "Yes, both can still get there, but the Front needs 22 of the 41 and the Alliance "
                "needs 28, so the Front is clearly ahead. Independents could still decide it.",
            ),
        ),
    ],
    # ------------------------------------------------------------------ Glass museum
    "museum-of-applied-glass-reopens": [
        _c(
            "marguerite_o",
            20,
            15,
            "I visited this museum many years ago, before the restoration, and remember the "
            "chandelier chiefly as a dusty presence in the gloom. I am delighted to read that it "
            "now hangs in a restored ballroom under proper light.",
            _c(
                "rowanfield",
                41,
                4,
                "What a lovely memory. I'd love to see it in person one day.",
            ),
        ),
        _c(
            "junebug42",
            30,
            26,
            "> I remembered the chandelier as enormous. It turns out it really is enormous.\n\n"
            "Quote of the week. A rare childhood memory that survives contact with adulthood.",
            _c(
                "tessellate",
                48,
                8,
                "this made me weirdly emotional",
                _c("junebug42", 60, 5, "Chandeliers will do that."),
            ),
        ),
        _c(
            "ivanwa88",
            52,
            13,
            "More than 1,100 drops, each one removed, numbered, washed and rehung. Somebody kept "
            "a spreadsheet for that and I would love to see it.",
            _c(
                "nightowl_sk",
                77,
                4,
                "And somebody checked the numbering on every single one. Respect to the "
                "conservators.",
            ),
        ),
        _c(
            "bertholdk",
            95,
            6,
            "The studio behind the glass wall is a very good idea. In our city museum also you "
            "can watch the restorers and it is always the most full room.",
            _c(
                "ada_vance",
                140,
                3,
                "Agreed, though I'd spare a thought for the restorers. Working under a crowd's "
                "gaze all day can't be easy.",
            ),
        ),
        _c(
            "deskeditor_ret",
            210,
            5,
            '"The most democratic material we have" is a terrific line from the director, and '
            "putting the nobleman's goblet beside the pharmacist's bottle makes the case "
            "better than any label could.",
        ),
        _c(
            "kofi_reads",
            320,
            2,
            "Free entry on the first Sunday of the month is good policy. I'd be curious how many "
            "of the timed tickets went to first-time visitors.",
        ),
    ],
    # ------------------------------------------------------------------ Harbour City final
    "harbour-city-win-first-title-on-penalties": [
        _c(
            "rowanfield",
            4,
            31,
            "WE DID IT. Season ticket holder since the second tier and I still can't quite "
            "believe it.",
            _c(
                "vendor",
                15,
                6,
                "Congratulations. Go and enjoy the ferry home.",
                _c("rowanfield", 27, 14, "Already on it. Half the boat is singing."),
            ),
            _c(
                "ada_vance",
                33,
                9,
                "Well deserved. Finishing fourth and then winning two knockout rounds away from "
                "home is no fluke.",
            ),
        ),
        _c(
            "ivanwa88",
            12,
            12,
            "Two saves, both diving low to her left. If I were Lakeshore's analyst I'd be "
            "watching that tape all winter.",
            _c(
                "junebug42",
                24,
                10,
                "Moreno watched their penalties until 2am and then threw the notes away. Maybe "
                "the analyst should throw the tape away too.",
                _c("ivanwa88", 37, 4, "Ha. Penalties are half psychology anyway."),
            ),
        ),
        _c(
            "deskeditor_ret",
            20,
            5,
            "A note for the desk: Moreno joined from a college team two years ago, and the club "
            "was in the second tier eighteen months ago. Remarkable arc, and the piece could "
            "have led on it.",
        ),
        _c(
            "tessellate",
            45,
            22,
            "fans arriving straight from thanksgiving dinner still carrying foil-wrapped "
            "leftovers. this is what sport is for",
            _c("nightowl_sk", 63, 7, "Best detail in any match report this year."),
        ),
        _c(
            "kofi_reads",
            70,
            6,
            "21,380 on a freezing holiday night, beating the league record by more than 4,000. "
            "Is the league going to look at bigger venues next season?",
            _c(
                "pcastellanos",
                95,
                4,
                "Nothing in the article on that. The parade route is linked at the bottom if "
                "you're in the city on Saturday.",
            ),
        ),
        _c(
            "bertholdk",
            150,
            5,
            "The coach's quote about not finding her own parents in the stands is very nice. In "
            "two years from selling tickets to parents to a record crowd.",
        ),
        _c(
            "lianasammartino",
            400,
            8,
            "Interesting that both Lakeshore misses came from players who had been on for all "
            "120 minutes, while both specialist substitutes scored. Fatigue is underrated in "
            "shootouts.",
        ),
    ],
}


# ---------------------------------------------------------------------- long thread
# Fragments for generated comments. Each is a complete sentence (or a lead-in ending in a colon
# that is always followed by a point), so any combination reads naturally.

_OPENERS = [
    "Long-time reader, first comment.",
    "Honestly?",
    "Not to be the pessimist here.",
    "For what it's worth:",
    "Reading this on the morning train.",
    "Small point, but an important one.",
    "Been following this since the first round.",
    "Genuine question.",
    "Cautiously optimistic, for once.",
    "Okay, here's my take.",
    "Another day, another update.",
    "Just caught up on the whole thread.",
    "Thanks for keeping this story on the front page.",
    "Quick thought before work.",
    "I've been reading the coverage in three languages.",
    "Hard to know what to make of this.",
]

_POINTS = [
    "The maps matter far less than who is going to enforce them.",
    "What nobody seems to be asking is who pays for the monitors once the cameras leave.",
    "Every round of talks starts with optimism and ends with a statement nobody reads.",
    "The aid corridor is the only part of this with a real deadline attached.",
    "If the humanitarian arrangement holds for a month, everything else gets easier.",
    "Both delegations are talking to their home audiences as much as to each other.",
    "The detainee question was always going to be the last and hardest piece.",
    "I'd like to hear more from the people who actually live along the line.",
    "Mediators refusing to set a deadline is probably the smartest move anyone has made so far.",
    "A consolidated draft by next week would be fast by the standards of these things.",
    "The coverage has been careful not to overstate the progress, which I appreciate.",
    'Anything from "diplomats familiar with the process" deserves a pinch of salt.',
    "A weekly report from the observers sounds dull, but dull is exactly what builds trust.",
    "Nothing changes on the ground until the convoys are actually moving.",
    "There's a big difference between a pause in the fighting and an actual settlement.",
    "Keeping a liaison cell staffed around the clock is harder than it sounds.",
    "I remember the last round collapsing over something that looked minor at the time.",
    "The small procedural wins are the ones that tend to last.",
    "It would help to see a map with the story rather than a description of one.",
    "Whoever drafted the convoy schedule clearly knew the roads.",
    "Both sides need a way to call this a win, or nobody signs.",
    "The real test is what happens the first time a convoy is held up.",
    "Public patience is a resource too, and it's running low.",
    "Timelines like this always slip, but slipping isn't the same as failing.",
    "The observers are going to be under enormous pressure from day one.",
    "Nobody gets everything they want in a deal like this, and that is sort of the point.",
    "I'd rather read slow, accurate reporting than a live ticker of rumours.",
    "A lot depends on whether the truce survives its first difficult weekend.",
    "Does anyone know whether the observers can travel without giving notice?",
    "Has either side said what happens if the truce is interrupted halfway through?",
    "Is there any word yet on when the next full session starts?",
]

_CLOSERS = [
    "We'll see.",
    "Happy to be proven wrong.",
    "Thanks for the clear reporting.",
    "Fingers crossed for the people in the valley.",
    "Time will tell.",
    "Still, better than nothing.",
    "That's my two cents, anyway.",
    "Hoping for good news by the weekend.",
    "Will be watching the next update closely.",
    "Not holding my breath, but not giving up either.",
    "Curious what others think.",
    "Small steps.",
    "Glad someone is keeping track.",
    "Let's give it a week.",
]

# Reply lead-ins; ``{name}`` is replaced by the parent comment's author.
_REPLY_OPENERS = [
    "Agree with {name} here.",
    "Fair point, {name}.",
    "Not sure I follow, {name}.",
    "Respectfully, I see it differently.",
    "This.",
    "Good catch.",
    "{name}, I think that's a bit too harsh.",
    "Counterpoint:",
    "Exactly what I was thinking.",
    "I'd push back on that a little.",
    "Same here.",
    "Interesting, I hadn't looked at it that way.",
    "To add to what {name} said:",
    "Partly agree.",
    "Thanks, {name}, that's useful.",
]

# Lead-ins that promise an argument, so they are always followed by a point.
_REPLY_OPENERS_NEEDING_A_POINT = frozenset(
    {
        "Not sure I follow, {name}.",
        "Respectfully, I see it differently.",
        "{name}, I think that's a bit too harsh.",
        "Counterpoint:",
        "I'd push back on that a little.",
        "To add to what {name} said:",
        "Partly agree.",
    }
)

_MAX_DEPTH = 6  # number of ancestors; a top-level comment has depth 0
_LOWERCASE_WRITERS = frozenset({"tessellate"})
# Some readers comment much more than others.
_ACTIVITY = {
    "lianasammartino": 6,
    "vendor": 6,
    "ivanwa88": 5,
    "ada_vance": 5,
    "kofi_reads": 4,
    "tessellate": 4,
    "pcastellanos": 4,
    "junebug42": 3,
    "marguerite_o": 3,
    "hamid_r": 3,
    "bertholdk": 3,
    "nightowl_sk": 3,
    "rowanfield": 2,
    "deskeditor_ret": 2,
    "sunita_v": 1,
    "subte_rider": 1,
}


def _compose(rng: random.Random, parent_by: str | None) -> str:
    """A short comment body built from the fragment lists."""
    parts: list[str] = []
    if parent_by is None:
        if rng.random() < 0.45:
            parts.append(rng.choice(_OPENERS))
        parts.extend(rng.sample(_POINTS, 2 if rng.random() < 0.3 else 1))
        if rng.random() < 0.4:
            parts.append(rng.choice(_CLOSERS))
    else:
        template = rng.choice(_REPLY_OPENERS)
        parts.append(template.format(name=parent_by))
        if template in _REPLY_OPENERS_NEEDING_A_POINT or rng.random() < 0.75:
            parts.append(rng.choice(_POINTS))
            if rng.random() < 0.25:
                parts.append(rng.choice(_CLOSERS))
        elif rng.random() < 0.5:
            parts.append(rng.choice(_CLOSERS))
    return " ".join(parts)


def long_thread(count: int = 1200, *, seed: int = 7) -> list[dict]:
    """A flat list of comments for the long demo thread.

    Each item is ``{"ref", "parent", "by", "minutes_after", "body", "likes"}``. ``ref`` is the
    1-based position in the list and ``parent`` is the ``ref`` of an earlier comment, or
    ``None`` for a top-level comment (about 60% of them). Replies nest at most six levels below
    a top-level comment, nobody replies directly to themselves, ``minutes_after`` strictly
    increases through the list (so every reply is later than its parent), and no two
    consecutive bodies are identical. The same ``count`` and ``seed`` always give the same list.
    """
    rng = random.Random(seed)  # noqa: S311 - demo content, not security-sensitive
    usernames = [reader["username"] for reader in READERS]
    weights = [_ACTIVITY.get(name, 1) for name in usernames]
    comments: list[dict] = []
    depths: list[int] = []
    minute = rng.randint(2, 6)
    previous_body = ""
    for index in range(count):
        parent_index: int | None = None
        if comments and rng.random() >= 0.6:
            if rng.random() < 0.35 and depths[-1] < _MAX_DEPTH:
                parent_index = len(comments) - 1  # keep the latest exchange going
            else:
                window = range(max(0, len(comments) - 60), len(comments))
                candidates = [i for i in window if depths[i] < _MAX_DEPTH]
                if candidates:
                    parent_index = rng.choice(candidates)

        parent = comments[parent_index] if parent_index is not None else None
        by = rng.choices(usernames, weights)[0]
        while parent is not None and by == parent["by"]:
            by = rng.choices(usernames, weights)[0]

        body = previous_body
        while body == previous_body:
            body = _compose(rng, parent["by"] if parent else None)
            if by in _LOWERCASE_WRITERS:
                body = body.lower()
        previous_body = body

        if index:
            minute += 1 + (rng.random() < 0.35) + (rng.random() < 0.1)
        alpha = 1.6 if parent is None else 2.0
        likes = min(40, int(rng.paretovariate(alpha)) - 1)

        comments.append(
            {
                "ref": index + 1,
                "parent": parent["ref"] if parent else None,
                "by": by,
                "minutes_after": minute,
                "body": body,
                "likes": likes,
            }
        )
        depths.append(0 if parent_index is None else depths[parent_index] + 1)
    return comments
