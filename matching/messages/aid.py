"""Messages of the aid pairing: its options and the solve's summary: code → (Chinese, English)."""

MESSAGES: dict[str, tuple[str, str]] = {
    "aid.option.objective": ("目标", "Objective"),
    "aid.option.objective.help": (
        "max：使结对总分最大；min：使总成本最小（OR-Library 算例）",
        "max: the pairs' values are gains to maximise; min: costs to minimise (OR-Library instances)",
    ),
    "aid.option.objective.max": ("总分最大", "maximise value"),
    "aid.option.objective.min": ("总成本最小", "minimise cost"),
    "aid.option.distance_limit": ("最远结对距离", "Farthest pairing"),
    "aid.option.distance_limit.same_township": ("同一乡镇（街道）", "same township"),
    "aid.option.distance_limit.same_county": ("同一县区", "same county"),
    "aid.option.distance_limit.same_city": ("丹东市内", "within Dandong"),
    "aid.option.distance_limit.other_city": ("不限", "no limit"),
    "aid.option.distance_limit.help": (
        "企业与村之间允许的最远距离：same_township 同一乡镇、same_county 同一县区、same_city 同在丹东、"
        "other_city 不限",
        "the farthest an enterprise may be from its village: same_township, same_county, same_city "
        "(anywhere in Dandong) or other_city (no limit)",
    ),
    "aid.option.min_villages_per_park": ("各园区最少结对村数", "Least villages per park"),
    "aid.option.min_villages_per_park.help": (
        "园区代码=村数：该园区的企业合计至少牵头这么多个村",
        "PARK=N: the enterprises of park PARK lead at least N villages between them",
    ),
    "aid.option.min_villages_per_county": ("各县区最少结对村数", "Least villages per county"),
    "aid.option.min_villages_per_county.help": (
        "县区代码=村数：位于该县区的企业合计至少牵头这么多个村",
        "COUNTY=N: the enterprises located in county COUNTY (6-digit code) lead at least N villages",
    ),
    "aid.option.helpers_per_village": ("每村帮扶（协助）企业数", "Helper enterprises per village"),
    "aid.option.helpers_per_village.help": (
        "每个村在牵头企业之外最多再配几家协助企业（0 表示不配）",
        "helper enterprises per village besides its lead (0: none); giving it runs the helper step",
    ),
    "aid.option.helper_load_share": ("协助企业出资比例", "Helper's share of the load"),
    "aid.option.helper_load_share.help": (
        "协助企业承担该结对费用的比例（0 到 1）",
        "share of the pair's load a helper gives, from the budget its own lead villages leave (0 to 1)",
    ),
    "aid.option.helper_max_villages": ("每家企业最多协助村数", "Villages one enterprise may help"),
    "aid.option.helper_max_villages.help": (
        "一家企业最多协助几个村",
        "villages one enterprise may help at most",
    ),
    "aid.cli.no_full_pairing": (
        "没有一种结对能让每个村都有牵头企业：",
        "no pairing gives every village a lead enterprise:",
    ),
    "aid.summary": (
        "{status}：{villages} 个村中 {paired} 个已有牵头企业{helpers}；目标值 {objective}，上界 {bound}，"
        "差距 {gap}；求解器 {solver}；种子 {seed}",
        "status={status} objective={objective} bound={bound} gap={gap} solver={solver} seed={seed} "
        "paired={paired}/{villages}{helpers}",
    ),
    "aid.summary.helpers": ("，协助结对 {count} 个", " helpers={count}"),
    "aid.summary.partial": (
        "{status}：没有能让每个村都有牵头企业的结对（目标值 {objective}，上界 {bound}，差距 {gap}）；"
        "最佳部分结对覆盖 {villages} 个村中的 {paired} 个；求解器 {solver}；种子 {seed}",
        "status={status} objective={objective} bound={bound} gap={gap} solver={solver} seed={seed} "
        "best_partial={paired}/{villages}",
    ),
}
