"""The lexicon of causal and agency relations: which verbs, nouns and adjectives make which relation type, and the
words that qualify them (outcome nouns, body parts, blame adjectives, permission nouns, …).

Data only, read by :mod:`unspin.components.relation_args` and :mod:`unspin.components.relation_rules`; where the
cause verbs come from is told in the latter's docstring.  No list names a country, party or outlet.
"""

from __future__ import annotations

__all__ = [
    "ACCUSATION_NOUNS",
    "ACCUSE_OF",
    "ACT_NOUNS",
    "AGENT_NOUNS",
    "BEHIND_CAUSED",
    "BLAME_ADJ",
    "BLAME_NOUNS",
    "BLAME_OBJECTS",
    "BODY_PARTS",
    "CAUSE_MARKS",
    "CAUSE_NOUNS",
    "CAUSE_ORIGIN",
    "CHANGE_VERBS",
    "CHARGING_VERBS",
    "CONTACT_PREPS",
    "CONTACT_VERBS",
    "CREATED_STATES",
    "CULPRIT_NAMING_VERBS",
    "DEADLY_EVENTS",
    "DOER_NOUNS",
    "DRAWING_VERBS",
    "EFFECT_NOUNS",
    "EVIDENCE_NOUNS",
    "FAULT_FOR_VERBS",
    "FORCES",
    "FORCE_ADVERBS",
    "GENERIC_SUBJECTS",
    "GIVE_RISE",
    "HYPHEN_PARTICIPLES",
    "IDIOM_OBJECTS",
    "IRREALIS_HEADS",
    "JUDGING_VERBS",
    "KILLED_PLANS",
    "KILLER_NOUNS",
    "LAYING_VERBS",
    "LIFE",
    "LIGHT_VERBS",
    "MADE_NOUNS",
    "MAKE_DO",
    "MAKING_VERBS",
    "NEEDS_DIRECTION",
    "NEEDS_OUTCOME",
    "NOT_OFFENCES",
    "OFFENDER_NOUNS",
    "OFFERING_VERBS",
    "ORIGIN",
    "OUTCOME_NOUNS",
    "PASSIVE_CHARGING",
    "PEOPLE_PRONOUNS",
    "PERMISSIONS",
    "PERSONAL_OBJECTS",
    "PLACE_NOUNS",
    "PRESSURE_VERBS",
    "PROXY_HEADS",
    "REACTION_NOUNS",
    "RELATIVE_PRONOUNS",
    "RESOURCE_NOUNS",
    "RESULT_NOUNS",
    "ROLE_NOUNS",
    "SPECULATIVE_MODALS",
    "STATE_TYPES",
    "SUPPORT_NOUNS",
    "TARGETED_ACT_NOUNS",
    "VERB_TYPES",
    "WRECKING_VERBS",
]


#: Verb lemma → relation type.
VERB_TYPES: dict[str, str] = {
    **dict.fromkeys(["create", "form", "found", "establish", "raise", "build", "organise", "organize"], "create"),
    **dict.fromkeys(["spawn", "birth", "invent", "assemble", "recruit", "mobilise", "mobilize"], "create"),
    **dict.fromkeys(["arm", "equip", "supply", "weaponise", "weaponize"], "arm"),
    **dict.fromkeys(["fund", "finance", "pay", "bankroll", "subsidise", "subsidize"], "fund"),
    **dict.fromkeys(["train", "drill", "instruct"], "train"),
    **dict.fromkeys(
        ["support", "back", "sponsor", "aid", "help", "shelter", "harbour", "harbor", "protect"], "support"
    ),
    **dict.fromkeys(["champion", "defend", "promote", "endorse", "favour", "favor"], "support"),
    **dict.fromkeys(["become", "morph", "evolve", "transform"], "become"),
    **dict.fromkeys(["perpetrate", "commit", "conduct", "stage", "orchestrate", "mastermind"], "perpetrate"),
    **dict.fromkeys(["bomb", "attack", "kill", "murder", "massacre", "shell", "assassinate", "invade"], "perpetrate"),
    **dict.fromkeys(["execute", "slaughter", "behead", "detonate", "ambush", "raid", "storm"], "perpetrate"),
    **dict.fromkeys(["stab", "shoot", "torture", "rape", "kidnap", "abduct", "injure", "wound", "lynch"], "perpetrate"),
    **dict.fromkeys(["abuse", "assault", "molest", "persecute", "slay", "trample", "strangle"], "perpetrate"),
    **dict.fromkeys(["drag", "fondle", "grope", "smash", "destroy", "conquer", "subjugate"], "perpetrate"),
    **dict.fromkeys(["beat", "punch", "batter", "crush", "terrorise", "terrorize"], "perpetrate"),
    **dict.fromkeys(["grab", "pin", "squeeze", "choke", "shove", "slap", "kick", "knock"], "perpetrate"),
    **dict.fromkeys(["mistreat", "harass", "hit", "strike", "decimate", "infect", "pummel"], "perpetrate"),
    **dict.fromkeys(
        ["steal", "rob", "loot", "plunder", "sabotage", "throw", "toss", "hurl", "pull", "yank"], "perpetrate"
    ),
    **dict.fromkeys(["affect", "impact", "hurt", "harm", "damage", "ruin", "undermine"], "cause"),
    **dict.fromkeys(["cause", "trigger", "provoke", "spark", "fuel", "unleash", "precipitate"], "cause"),
    **dict.fromkeys(["prompt", "stoke", "exacerbate", "worsen", "aggravate", "inflame", "foment", "incite"], "cause"),
    **dict.fromkeys(["instigate", "heighten", "escalate", "stir", "evoke"], "cause"),
    **dict.fromkeys(["ignite", "polarize", "polarise", "rock", "devastate", "cripple", "disrupt", "delay"], "cause"),
    **dict.fromkeys(["increase", "reduce", "decrease", "lessen", "diminish", "improve", "boost"], "cause"),
    **dict.fromkeys(["weaken", "strengthen"], "cause"),
    **dict.fromkeys(["jeopardize", "jeopardise", "endanger", "imperil", "tarnish", "strain", "yield"], "cause"),
    **dict.fromkeys(["change", "alter", "sway", "reinforce", "perpetuate", "entrench"], "cause"),
    **dict.fromkeys(["anger", "enrage", "infuriate", "outrage", "frighten", "terrify", "alarm", "alienate"], "cause"),
    **dict.fromkeys(["traumatize", "traumatise", "horrify"], "cause"),
    **dict.fromkeys(["force", "compel", "push", "drive", "oblige", "coerce", "pressure"], "compel"),
    **dict.fromkeys(["allow", "let", "permit", "enable", "tolerate", "condone"], "allow"),
    "blame": "blame",
    "accuse": "blame",
}

#: Verbs of more or less that state a cause only when a thing or an event does the changing ("Orban's border wall
#: reduced illegal immigration", "global warming increases the probability of floods"); an actor raising or cutting
#: something ("Francis reduced the priest's penalty", "the engineers increased the size of the tanks") acts.
CHANGE_VERBS = frozenset(
    "increase reduce decrease lessen diminish improve boost weaken strengthen change alter sway reinforce "
    "perpetuate entrench yield".split()
)

#: Pronouns that stand for people: "they reduced it", "who would abuse".
PEOPLE_PRONOUNS = frozenset("i we you he she they who me us him her them".split())

#: Nouns for people and the bodies they act through, which act rather than cause (with names and pronouns).
DOER_NOUNS = frozenset(
    "people person official officer leader member government administration police authority engineer worker voter "
    "president minister pope priest bishop judge court party company state country agency ministry regime army "
    "troops team union group committee commission council lawyer attorney activist protester doctor student teacher "
    "citizen resident migrant refugee soldier militant terrorist rebel politician lawmaker senator governor mayor "
    "candidate supporter critic man woman child family volunteer employee staff journalist reporter scientist "
    "researcher expert investigator prosecutor diplomat ambassador commander guard fighter gunman donor billionaire "
    "ally enemy nation organization organisation institution firm corporation church university network campaign "
    "movement coalition alliance militia gang cartel system establishment boy girl teen teenager son daughter "
    "mother father parent wife husband victim friend neighbor neighbour professor director manager chief owner "
    "spokesman spokeswoman spokesperson author writer editor analyst advocate agent driver user".split()
)

#: What one supports or backs without backing an actor or a cause ("support the claim", "back the theory").
_CLAIMS = frozenset({"claim", "view", "idea", "notion", "assessment", "theory", "finding", "conclusion"})

#: Evidence backs a claim, never an actor: "allegations, soon backed by a remarkable amount of evidence".
EVIDENCE_NOUNS = frozenset(
    "evidence proof data fact facts research study studies finding findings document documents record records "
    "testimony amount".split()
)

#: Objects that make a verb an idiom rather than the relation ("pay attention", "support the claim").
IDIOM_OBJECTS: dict[str, frozenset[str]] = {
    "pay": frozenset(
        "attention tribute price visit respect homage heed lip dividend fee fees fine fines bill bills tax taxes rent "
        "cost costs debt debts premium tuition dues damages penalty settlement settlements compensation claim "
        "claims".split()
    ),
    "support": _CLAIMS,
    "back": frozenset(_CLAIMS - {"idea", "notion"}),
    "build": frozenset(
        "case bridge momentum consensus image reputation brand career relationship relationships trust legacy "
        "profile".split()
    ),
    "form": frozenset({"opinion", "view", "impression", "habit", "line"}),
    "steal": frozenset("show spotlight limelight thunder heart hearts glance glances march base scene kiss".split()),
    # "will then yield the floor to other journalists": handed over, nothing brought about
    "yield": frozenset({"floor", "microphone", "mic", "ground", "way", "right", "seat", "podium", "power"}),
    # "doesn't change the fact that …", "changed his mind", "changed course": no effect on anything
    "change": frozenset(
        "fact facts subject topic mind minds course direction name names hands clothes channel tune tack way "
        "ways".split()
    ),
    # "the evidence that establishes the frame-up", "the deadline established by law": proved or set, not founded
    "establish": frozenset(
        "fact facts link links connection connections case guilt innocence truth pattern timeline identity motive "
        "deadline rule rules standard standards precedent record frame-up presence contact".split()
    ),
    # "Hungary would defend its borders", "defending my good name": a border or a name is no one backed
    "defend": frozenset(
        "thesis dissertation title crown belt championship claim view decision position record reputation name "
        "honor honour border borders territory sovereignty homeland interests rights actions policy policies "
        "remarks comments statement".split()
    ),
    "endorse": _CLAIMS,
    # "not identified to protect their privacy", "setting fires to protect property": no one backed
    "protect": frozenset(
        "privacy property identity identities safety interests rights health environment reputation data "
        "information integrity security jobs investment investments border borders territory".split()
    ),
    # "dragged his feet": delay, not an attack on a body
    "drag": frozenset({"feet", "foot", "heels"}),
    # "pushed / forced their way into …": moving on, not making anyone act
    "push": frozenset({"way"}),
    "force": frozenset({"way"}),
    "drive": frozenset({"way"}),
    # "abused marijuana", "abused his power": misuse, not an attack on someone
    "abuse": frozenset(
        "drug alcohol marijuana cocaine heroin opioid substance painkiller power position authority office "
        "privilege trust system process discretion".split()
    ),
}

#: What one creates that is a state of affairs, not a group or a thing ("Trump created the possibility", "these
#: platforms are creating an atmosphere"): a cause.
CREATED_STATES = frozenset(
    "possibility opportunity condition conditions situation impression atmosphere climate environment confusion "
    "problem problems question questions chaos tension tensions uncertainty fear fears panic division divisions "
    "crisis controversy havoc awareness demand incentive risk danger shortage supply firestorm ruckus stir furor "
    "furore uproar backlash outcry flashpoint rift earthquake".split()
)

#: What people are killed or injured in besides an attack (:data:`OUTCOME_NOUNS`): "killed in a stampede".
DEADLY_EVENTS = frozenset(
    "stampede crash collision accident fire blaze earthquake flood floods storm hurricane avalanche landslide "
    "tsunami epidemic outbreak crush shooting shootings".split()
)

#: What one kills by ending it, no one harmed: "killed the plan", "kill the bill".
KILLED_PLANS = frozenset(
    "plan plans bill bills deal deals proposal proposals idea ideas project projects story measure legislation "
    "program programme initiative momentum chance chances hope hopes talks negotiations control".split()
)

#: Participles joined to the actor before them by a hyphen: "a Soros-backed organization" → Soros backs it.
HYPHEN_PARTICIPLES = frozenset({"back", "fund", "finance", "sponsor", "arm", "train", "support", "create", "found"})

#: "raise" founds only a force ("raised an army"), not doubts or questions.
FORCES = frozenset({"army", "militia", "force", "troop", "regiment", "brigade", "battalion", "legion", "unit"})

#: Verbs that compel only with a direction: "pushed them to resign", "drove them into exile".
NEEDS_DIRECTION = frozenset({"push", "drive", "pressure"})

#: Verbs whose object must be an outcome noun before they count as perpetrating it.
NEEDS_OUTCOME = frozenset({"perpetrate", "commit", "conduct", "stage", "orchestrate", "mastermind", "execute"})

LIGHT_VERBS = {
    "carry": ("out", "perpetrate"),
    "lead": ("to", "cause"),
    "result": ("in", "cause"),
    "bring": ("about", "cause"),
    "turn": ("into", "become"),
    "grow": ("into", "become"),
    "set": ("up", "create"),
    "claim": ("", "perpetrate"),
    "launch": ("", "perpetrate"),
    "order": ("", "perpetrate"),
    "plan": ("", "perpetrate"),
    "wage": ("", "perpetrate"),
    "start": ("", "perpetrate"),
    "plant": ("", "perpetrate"),
    "engage": ("in", "perpetrate"),
}

#: Verbs of wrecking that perpetrate on someone or on a place or structure ("destroyed the village"); done to an
#: abstraction ("destroyed any remaining confidence", "will destroy our democratic system") they cause harm, as
#: "ruin" and "damage" do.
WRECKING_VERBS = frozenset({"destroy", "smash", "crush", "wreck", "demolish", "raze", "sabotage"})

#: Places and structures that can be attacked or destroyed.
PLACE_NOUNS = frozenset(
    "city cities town towns village villages home homes house houses building buildings compound compounds "
    "country countries nation region neighbourhood neighborhood school schools hospital hospitals church churches "
    "mosque mosques synagogue temple embassy consulate camp camps base bases station headquarters office offices "
    "apartment apartments bridge bridges airport port factory plant farm farms property properties "
    "window windows door doors car cars vehicle vehicles shop shops store stores restaurant restaurants statue "
    "statues monument monuments grave graves cemetery "
    # the groups a wrecking can aim at ("destroy the regime", "crush the rebels" is a person noun already)
    "state regime government army enemy entity party movement".split()
)

#: Verbs of bodily contact: an attack only when done to a person or a person's body ("grabbed her buttocks",
#: "pinned her to a bed"); "grabbed the microphone" or "the storm hit the coast" are no such acts.
CONTACT_VERBS = frozenset(
    "grab pin squeeze choke shove slap kick knock drag mistreat harass hit strike beat throw toss hurl pull "
    "yank".split()
)

BODY_PARTS = frozenset(
    "body breast breasts buttock buttocks bottom waist neck throat mouth face head hair arm arms leg legs hand hands "
    "chest crotch genitals thigh thighs tongue lips finger fingers knee knees foot feet fist fists".split()
)

PERSONAL_OBJECTS = frozenset("her him them me us you hers".split())

#: Prepositions by which a body part is put on someone ("put his hand on her breast", "brushed … against her").
CONTACT_PREPS = frozenset({"on", "onto", "upon", "over", "around", "against", "into", "in", "inside", "under"})

#: Adverbs of force that make any act on a person's body one done to them ("forcibly kissed her").
FORCE_ADVERBS = frozenset({"forcibly", "forcefully", "violently", "aggressively", "brutally", "viciously", "savagely"})

#: Nouns that name an outcome an article can assign blame for.
OUTCOME_NOUNS = frozenset(
    {
        "attack",
        "attacks",
        "bombing",
        "bombings",
        "bomb",
        "blast",
        "explosion",
        "massacre",
        "killing",
        "killings",
        "death",
        "deaths",
        "war",
        "invasion",
        "assault",
        "strike",
        "strikes",
        "shelling",
        "conflict",
        "coup",
        "riot",
        "riots",
        "violence",
        "atrocity",
        "atrocities",
        "crime",
        "murder",
        "murders",
        "assassination",
        "slaughter",
        "genocide",
        "famine",
        "crisis",
        "catastrophe",
        "disaster",
        "rampage",
        "ambush",
        "raid",
        "siege",
        "uprising",
        "insurgency",
        "terror",
        "terrorism",
        "operation",
        "plot",
        "rape",
        "rapes",
        "harassment",
        "misconduct",
        "wrongdoing",
        "abuse",
        "kidnapping",
        "torture",
        "shooting",
        "shootings",
        "stabbing",
        "stabbings",
        "slaying",
        "slayings",
        "arson",
    }
)

#: "X was a ministry project" → the ministry made X; "X is Y's proxy" → Y backs X.
MADE_NOUNS = {
    **dict.fromkeys(["project", "creation", "creature", "invention", "brainchild", "product", "offspring"], "create"),
    **dict.fromkeys(["offshoot", "spin-off", "successor", "outgrowth"], "become"),
    **dict.fromkeys(["proxy", "puppet", "tool", "instrument", "pawn", "client", "front", "surrogate"], "support"),
}

#: "the ministry's militia" → the ministry backs the militia.
PROXY_HEADS = frozenset(
    {"militia", "militias", "proxy", "proxies", "fighters", "gunmen", "agents", "henchmen", "puppets", "death-squads"}
)

#: "money from X paid them" → X funds them.
RESOURCE_NOUNS = {
    **dict.fromkeys(["money", "cash", "funds", "funding", "payments", "payment", "subsidies", "salaries"], "fund"),
    **dict.fromkeys(["weapons", "arms", "guns", "rifles", "explosives", "ammunition", "missiles"], "arm"),
    **dict.fromkeys(["instructors", "trainers", "advisers", "advisors", "officers"], "train"),
}

ORIGIN = {("grow", "out"), ("emerge", "from"), ("spring", "from"), ("arise", "from"), ("bear", "of")}

#: "the crisis stems / results from mismanagement": what it comes from caused it.
CAUSE_ORIGIN = {("stem", "from"), ("result", "from")}

#: Reactions a deed draws ("drew criticism", "attracted condemnation"): caused by it, a blame with its "for".
REACTION_NOUNS = frozenset(
    {"criticism", "condemnation", "outrage", "anger", "fury", "backlash", "rebuke", "rebukes", "shock", "ire"}
    | {"scrutiny", "complaints", "ridicule", "derision", "protest", "protests", "censure", "alarm", "scorn"}
)

#: Verbs by which a deed draws a reaction: its subject caused it.
DRAWING_VERBS = frozenset({"draw", "attract", "earn", "provoke", "spark", "trigger", "prompt"})

BLAME_ADJ = frozenset({"responsible", "culpable", "guilty", "accountable", "complicit", "liable", "answerable"})

#: Verbs that put a blame adjective on someone: "held X responsible", "found guilty", "deemed not responsible".
JUDGING_VERBS = frozenset({"hold", "find", "deem", "declare", "judge", "rule", "consider"})

#: Verbs of a charge or conviction, with the preposition that names the offence.
CHARGING_VERBS = {
    "charge": "with",
    "convict": "of",
    "sentence": "for",
    "indict": "on",
    "prosecute": "for",
    "jail": "for",
    "punish": "for",
    "fine": "for",
    "fire": "for",
    "want": "for",
    "seek": "for",
}

#: Charging verbs that blame only in the passive: "wanted for killing", "sought for murder" (not "wanted a car").
#: An arrest or a detention is left out: the dev gold does not count "arrested … for" as a blame statement.
PASSIVE_CHARGING = frozenset({"want", "seek"})

#: What a "for" names that is no offence: "fired rockets for hours", "jailed for two years".
NOT_OFFENCES = frozenset({"DATE", "TIME", "CARDINAL", "QUANTITY", "MONEY", "PERCENT"})

BLAME_NOUNS = frozenset({"culprit", "culprits", "perpetrator", "perpetrators", "author", "architect", "instigator"})

BLAME_OBJECTS = frozenset({"responsibility", "blame", "guilt", "culpability"})

#: Nouns that name the one who did a wrong ("named Ellison as her assaulter"): roles, not groups.
OFFENDER_NOUNS = BLAME_NOUNS | frozenset(
    "killer killers murderer murderers attacker attackers assailant assailants assaulter abuser abusers shooter "
    "shooters gunman gunmen bomber bombers rapist rapists kidnapper kidnappers abductor abductors".split()
)

#: Verbs that lay the blame somewhere: "laid the blame on X", "pointed the finger at X".
LAYING_VERBS = frozenset({"lay", "put", "place", "pin", "point", "shift", "cast"})

#: Verbs that name someone as the culprit: "named X as her assaulter", "identified the shooter as X".
CULPRIT_NAMING_VERBS = frozenset({"name", "identify", "finger", "single"})

GIVE_RISE = frozenset({"give"})  # "gave rise to"

CAUSE_MARKS = frozenset({"because", "since", "as"})

RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})

#: Verbs of criticism that blame when they say what for ("slammed X for Y", "faulted X for Y").
FAULT_FOR_VERBS = frozenset(
    {"slam", "criticise", "criticize", "condemn", "fault", "denounce", "blast", "rebuke", "lambast", "lambaste"}
    | {"berate", "castigate", "excoriate", "chastise", "scold", "chide", "reprimand", "censure", "admonish", "attack"}
)

#: Nouns of violent acts whose "by" names who did them ("the killing of Jean by Guyger").
ACT_NOUNS = frozenset(
    {"killing", "shooting", "murder", "assassination", "bombing", "attack", "stabbing", "massacre", "rape", "assault"}
    | {"invasion", "airstrike", "raid", "bombardment", "shelling", "ambush", "kidnapping", "abduction", "execution"}
    | {"torture", "persecution", "crackdown", "slaying", "strike", "attacks", "strikes", "airstrikes", "raids"}
)

STATE_TYPES = frozenset({"NORP", "GPE", "ORG"})

#: Act nouns that name an act of violence only with a target ("strikes on the city", not "the teachers' strike").
TARGETED_ACT_NOUNS = frozenset({"strike", "strikes", "raid", "raids"})

#: Nouns of an influence: "the effects of X on Y".
EFFECT_NOUNS = frozenset({"effect", "impact", "influence", "toll"})

#: Nouns of backing: "X's support for Y", "in support of Y", "the pope's defense of the bishop".
SUPPORT_NOUNS = frozenset({"support", "backing", "sponsorship", "defense", "defence"})

#: Verbs whose subject gives the backing their object names: "Pompeo offers defense for Saudi rulers".
OFFERING_VERBS = frozenset({"offer", "mount", "give", "lend", "voice", "express", "provide", "pledge"})

#: Nouns for the one who backs, pays or founds: "Iran, the world's largest supporter of terrorism", "a backer of
#: Hezbollah", "Richard Conroy, the founder of Sick Holiday".
AGENT_NOUNS = {
    **dict.fromkeys(["supporter", "backer", "sponsor", "patron", "protector"], "support"),
    **dict.fromkeys(["financier", "funder", "bankroller", "paymaster"], "fund"),
    **dict.fromkeys(["founder", "co-founder", "cofounder", "creator"], "create"),
}

#: Nouns for the one who did a violent deed to someone ("the woman's killer", "the murderer of the physician").
KILLER_NOUNS = frozenset(
    "killer murderer assassin attacker assailant abuser rapist kidnapper abductor torturer executioner".split()
)

#: Nouns that carry an accusation against someone ("abuse allegations against X", "charges brought against him").
ACCUSATION_NOUNS = frozenset({"accusation", "allegation", "charge", "complaint"})

#: Verbs by which someone makes an accusation a noun names ("Alexander made accusations against Ellison").
MAKING_VERBS = frozenset({"make", "bring", "file", "level", "lodge", "raise", "press"})

#: "lead / cause / force X to V": the verb makes X act (a compel relation whose effect is X).
ACCUSE_OF = frozenset({"accuse", "suspect", "charge", "convict"})

MAKE_DO = frozenset(
    {"lead", "cause", "force", "compel", "prompt", "push", "drive", "provoke", "spur", "pressure"}
    | {"induce", "order", "require", "get", "make", "instruct", "convince", "persuade", "urge"}
)

#: "grants you access", "gave investigators the authority to enter", "gave the green light": a permission given.
PERMISSIONS = frozenset({"access", "permission", "authority", "right", "power", "licence", "license", "go-ahead"})

#: "took an innocent person's life", "taking the lives of …": a killing told with "take".
LIFE = frozenset({"life", "lives"})

#: What someone or something can be "behind" besides a violent act (:data:`OUTCOME_NOUNS`): a harm, a trend or a
#: scheme.  A list, because "behind" is mostly a place ("behind the building", "behind bars", "behind the scenes").
BEHIND_CAUSED = frozenset(
    "ailment symptom illness sickness problem crisis decline rise surge increase shortage failure collapse leak "
    "hack plot scheme campaign smear push effort move decision policy protest unrest chaos rumor rumour".split()
)

#: "X is the result / consequence of Y" → Y caused X.
RESULT_NOUNS = frozenset({"result", "consequence", "outcome", "upshot"})

#: "X is the (main) cause / source / root of Y" → X caused Y.
CAUSE_NOUNS = frozenset({"cause", "source", "root", "driver", "trigger"})

#: "Y played a (key) role / part in X", "Y contributed to X" → Y caused X.
ROLE_NOUNS = frozenset({"role", "part", "hand"})

#: Modals that make a relation a conditional or imagined one ("why X would blame Y").
SPECULATIVE_MODALS = frozenset({"would", "'d"})

#: Acts that can be said to force another's hand: the cause an agentless "was forced" leaves to the context.
PRESSURE_VERBS = frozenset(
    {"occupy", "invade", "attack", "threaten", "blockade", "annex", "besiege", "bomb", "sanction", "encircle"}
)

#: Heads under which an infinitive is an aim, a wish or a duty, not something that happened.
IRREALIS_HEADS = frozenset(
    {"need", "want", "try", "seek", "aim", "hope", "plan", "intend", "wish", "attempt", "strive", "expect"}
    | {"suppose"}  # "the places that are supposed to shelter you": a duty, not a deed
)

#: Subjects that name nobody in particular ("you can create worlds").
GENERIC_SUBJECTS = frozenset({"you", "one", "anyone", "everyone", "someone", "people"})
