"""The backup format ("cfjson"): Django's JSON serialisation, but times keep their microseconds.
DjangoJSONEncoder rounds them to milliseconds, which would change every timestamp — and break the audit
chain, whose MACs cover the exact time — on a backup/restore round trip."""

import datetime as dt

from django.core.serializers.json import Deserializer as JSONDeserializer
from django.core.serializers.json import DjangoJSONEncoder
from django.core.serializers.json import Serializer as JSONSerializer


class ExactJSONEncoder(DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, (dt.datetime, dt.time)) and not (isinstance(o, dt.time) and o.utcoffset()):
            text = o.isoformat()
            return text[:-6] + "Z" if text.endswith("+00:00") else text
        return super().default(o)


class Serializer(JSONSerializer):
    def _init_options(self):
        super()._init_options()
        self.json_kwargs["cls"] = ExactJSONEncoder


Deserializer = JSONDeserializer
