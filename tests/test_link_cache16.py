"""Two caches of one document's link context must not share a key: _list_end's map of
place ends and first_place_inside's sorted list of place starts (a made-up snippet of
the shape that crashed kg build with an IndexError)."""

from tests.conftest import linked_graph


def test_a_document_using_both_place_caches_links() -> None:
    text = (
        "本台消息，中央党的群众路线教育实践活动领导小组近日下发《通知》，"
        "转发了山西省党的群众路线教育实践活动领导小组"
        "《关于对临川县青石镇原党委书记、街道党工委原第一书记王永福大操大办儿子婚事问题的通报》，"
        "通知要求各地区各部门深入查找贯彻落实中央八项规定、反对“四风”方面存在的问题，"
        "对查找出来的问题立行立改。临川县委进行了严肃查处，给予王永福撤销党内一切职务处分。"
    )
    graph = linked_graph(text)
    assert any(a.get("type") == "place" for _, a in graph.nodes(data=True))
